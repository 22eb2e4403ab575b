// The similarity that ranks near-duplicate candidates (similarity.h): the workbench ranks the
// claims the store finds through their buckets (min_hash.h) with a SimilarityProfile of the
// query against each candidate's.
#include "claimledger/similarity.h"

#include <xxhash.h>

#include <algorithm>

#include "text/words.h"

namespace claimledger {
namespace {

template <typename T>
void SortUnique(std::vector<T>& values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
}

// Jaccard similarity of two sorted sets without duplicates; 1 when both are empty.
template <typename T>
double Jaccard(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.empty() && b.empty()) return 1.0;
  std::size_t shared = 0;
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (*i < *j) {
      ++i;
    } else if (*j < *i) {
      ++j;
    } else {
      ++shared, ++i, ++j;
    }
  }
  return static_cast<double>(shared) / static_cast<double>(a.size() + b.size() - shared);
}

}  // namespace

SimilarityProfile::SimilarityProfile(std::string_view text) {
  ForEachWord(text, [&](std::string_view spelled) {
    const std::string_view word = AsDigits(spelled);
    words_.push_back(XXH3_64bits(word.data(), word.size()));
    if (IsStopWord(word)) return;
    // The trigrams of " word ", each as its three bytes packed into one number.
    const auto byte = [&](std::size_t i) -> std::uint32_t {
      return i == 0 || i == word.size() + 1 ? ' ' : static_cast<unsigned char>(word[i - 1]);
    };
    for (std::size_t i = 0; i + 3 <= word.size() + 2; ++i) {
      trigrams_.push_back(byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2));
    }
  });
  SortUnique(words_);
  SortUnique(trigrams_);
}

double SimilarityProfile::Similarity(const SimilarityProfile& other) const {
  return kWordWeight * Jaccard(words_, other.words_) +
         (1 - kWordWeight) * Jaccard(trigrams_, other.trigrams_);
}

double TextSimilarity(std::string_view a, std::string_view b) {
  return SimilarityProfile(a).Similarity(SimilarityProfile(b));
}

}  // namespace claimledger
