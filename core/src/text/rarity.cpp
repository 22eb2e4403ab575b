// Rare shared words (rarity.h).
#include "text/rarity.h"

#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "text/utf8.h"
#include "text/words.h"

namespace claimledger {
namespace {

std::uint64_t WordHash(std::string_view word) { return XXH3_64bits(word.data(), word.size()); }

// True for the punctuation and symbols outside ASCII that part words as ASCII's do: Latin-1's
// (U+00A1..U+00BF, U+00D7, U+00F7), general punctuation (curly quotes, dashes, ellipsis),
// arrows, mathematical and technical signs, dingbats, variation selectors and emoji. (CJK and
// full-width punctuation part words in ForEachWord itself: IsWidePunctuation, words.h.)
bool PartsWords(char32_t cp) {
  return (cp >= 0xA0 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x206F) ||
         (cp >= 0x2190 && cp <= 0x2BFF) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
         (cp >= 0x1F000 && cp <= 0x1FAFF);
}

// Calls `visit(word)` for each word of `text` as ForEachWord splits it, with the punctuation
// and symbols of PartsWords parting words too ("McDonald’s" -> mcdonald, s), and number
// words as digits.
template <typename Visit>
void ForEachRarityWord(std::string_view text, Visit&& visit) {
  std::string spaced;
  spaced.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t length = DecodeUtf8At(text, i, &cp);
    if (length == 0) {  // not UTF-8 there: the byte as it is
      spaced.push_back(text[i++]);
      continue;
    }
    if (length > 1 && PartsWords(cp)) {
      spaced.push_back(' ');
    } else {
      spaced.append(text.substr(i, length));
    }
    i += length;
  }
  ForEachWord(spaced, [&](std::string_view word) { visit(AsDigits(word)); });
}

}  // namespace

double RarityWeight(std::int64_t holding, std::int64_t claims) {
  const double n = static_cast<double>(std::max(claims, holding));
  const double held = static_cast<double>(std::max<std::int64_t>(holding, 0));
  const double idf = std::log(1.0 + (n - held + 0.5) / (held + 0.5));
  return idf * idf;
}

std::vector<std::string> DistinctWords(std::string_view text) {
  std::vector<std::string> words;
  std::unordered_set<std::string> seen;
  ForEachRarityWord(text, [&](std::string_view word) {
    if (seen.emplace(word).second) words.emplace_back(word);
  });
  return words;
}

WeightedQuery::WeightedQuery(const std::vector<std::string>& words,
                             const std::vector<double>& weights, double unshared_weight)
    : unshared_weight_(unshared_weight) {
  for (std::size_t i = 0; i < words.size(); ++i)
    words_.emplace_back(WordHash(words[i]), weights[i]);
  std::sort(words_.begin(), words_.end());
  // Summed in the order Overlap sums what is shared: a claim holding every word shares all of it
  // to the last bit.
  for (const auto& [hash, weight] : words_) total_ += weight;
}

double WeightedQuery::Overlap(std::string_view text,
                              const std::optional<std::string>& context) const {
  std::vector<std::uint64_t> claim;
  const auto add = [&](std::string_view word) { claim.push_back(WordHash(word)); };
  ForEachRarityWord(text, add);
  if (context) ForEachRarityWord(*context, add);
  std::sort(claim.begin(), claim.end());
  claim.erase(std::unique(claim.begin(), claim.end()), claim.end());
  double shared = 0;
  std::size_t unshared = 0;
  auto q = words_.begin();
  for (const std::uint64_t word : claim) {
    while (q != words_.end() && q->first < word) ++q;
    if (q != words_.end() && q->first == word) {
      shared += q->second;
    } else {
      ++unshared;
    }
  }
  const double claim_total = shared + static_cast<double>(unshared) * unshared_weight_;
  const double of_claim = claim_total > 0 ? shared / claim_total : 0;
  const double of_query = total_ > 0 ? shared / total_ : 0;
  return kClaimShare * of_claim + (1 - kClaimShare) * of_query;
}

}  // namespace claimledger
