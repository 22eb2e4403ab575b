// MinHash/LSH keys and the re-ranking similarity for near-duplicate claims (see
// similarity.h). The store keeps the bucket keys beside each claim; the workbench ranks
// the candidates with TextSimilarity.
#include "claimledger/similarity.h"

#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <limits>
#include <set>

namespace claimledger {
namespace {

bool IsStopWord(const std::string& word) {
  static const std::set<std::string> kStopWords = {
      "a",    "an",   "and",  "are",   "as",    "at",   "be",   "been", "by",    "for",
      "from", "had",  "has",  "have",  "in",    "is",   "it",   "its",  "of",    "on",
      "or",   "that", "the",  "their", "there", "this", "to",   "was",  "were",  "which",
      "who",  "with", "will", "would", "said",  "says", "than", "then", "these", "those"};
  return kStopWords.count(word) > 0;
}

bool IsWordByte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

double Jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() && b.empty()) return 1.0;
  std::size_t shared = 0;
  for (const std::string& item : a) shared += b.count(item);
  return static_cast<double>(shared) / static_cast<double>(a.size() + b.size() - shared);
}

std::set<std::string> Trigrams(const std::vector<std::string>& words) {
  std::set<std::string> grams;
  for (const std::string& word : words) {
    const std::string padded = " " + word + " ";
    for (std::size_t i = 0; i + 3 <= padded.size(); ++i) grams.insert(padded.substr(i, 3));
  }
  return grams;
}

}  // namespace

std::vector<std::string> ContentWords(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  const auto flush = [&] {
    if (!word.empty() && !IsStopWord(word)) words.push_back(word);
    word.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    // A comma or point between digits belongs to the number: 28,500 -> 28500, 1.2 stays.
    const bool inside_number = (c == ',' || c == '.') && !word.empty() &&
                               std::isdigit(static_cast<unsigned char>(word.back())) &&
                               i + 1 < text.size() &&
                               std::isdigit(static_cast<unsigned char>(text[i + 1]));
    if (inside_number) {
      if (c == '.') word.push_back('.');
    } else if (IsWordByte(c)) {
      word.push_back(static_cast<char>(std::tolower(c)));
    } else {
      flush();
    }
  }
  flush();
  return words;
}

std::vector<std::int64_t> LshBuckets(std::string_view text) {
  const std::vector<std::string> words = ContentWords(text);
  if (words.empty()) return {};
  std::vector<std::uint64_t> signature(kMinHashSize, std::numeric_limits<std::uint64_t>::max());
  for (const std::string& word : std::set<std::string>(words.begin(), words.end())) {
    for (int i = 0; i < kMinHashSize; ++i) {
      signature[i] = std::min(signature[i], XXH3_64bits_withSeed(word.data(), word.size(),
                                                                 static_cast<XXH64_hash_t>(i)));
    }
  }
  std::vector<std::int64_t> buckets;
  for (int band = 0; band < kLshBands; ++band) {
    std::uint64_t values[kLshRows];
    for (int row = 0; row < kLshRows; ++row) values[row] = signature[band * kLshRows + row];
    const std::uint64_t key = XXH3_64bits_withSeed(values, sizeof(values), 1000 + band);
    std::int64_t bucket;
    std::memcpy(&bucket, &key, sizeof(bucket));
    buckets.push_back(bucket);
  }
  return buckets;
}

double TextSimilarity(std::string_view a, std::string_view b) {
  const std::vector<std::string> words_a = ContentWords(a), words_b = ContentWords(b);
  const double words = Jaccard({words_a.begin(), words_a.end()}, {words_b.begin(), words_b.end()});
  return 0.5 * words + 0.5 * Jaccard(Trigrams(words_a), Trigrams(words_b));
}

}  // namespace claimledger
