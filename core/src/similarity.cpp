// MinHash/LSH keys and the re-ranking similarity for near-duplicate claims (see
// similarity.h). The store keeps the bucket keys beside each claim; the workbench ranks
// the candidates with a SimilarityProfile of the query against each candidate's.
#include "claimledger/similarity.h"

#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace claimledger {
namespace {

bool IsStopWord(std::string_view word) {
  static const std::unordered_set<std::string_view> kStopWords = {
      "a",    "an",   "and",  "are",   "as",    "at",   "be",   "been", "by",    "for",
      "from", "had",  "has",  "have",  "in",    "is",   "it",   "its",  "of",    "on",
      "or",   "that", "the",  "their", "there", "this", "to",   "was",  "were",  "which",
      "who",  "with", "will", "would", "said",  "says", "than", "then", "these", "those"};
  return kStopWords.count(word) > 0;
}

bool IsWordByte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// Calls `visit(word)` for each word of `text` (lower case, numbers without thousands
// separators), in order, stop words included. The view is valid during the call only.
template <typename Visit>
void ForEachWord(std::string_view text, Visit&& visit) {
  std::string word;
  const auto flush = [&] {
    if (!word.empty()) visit(std::string_view(word));
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
}

// Calls `visit(word)` for each content word of `text`, in order (see ContentWords).
template <typename Visit>
void ForEachContentWord(std::string_view text, Visit&& visit) {
  ForEachWord(text, [&](std::string_view word) {
    if (!IsStopWord(word)) visit(word);
  });
}

// The digits of a number word from one to ten ("two" -> "2"), else the word itself.
std::string_view AsDigits(std::string_view word) {
  static const std::unordered_map<std::string_view, std::string_view> kNumbers = {
      {"one", "1"}, {"two", "2"},   {"three", "3"}, {"four", "4"}, {"five", "5"},
      {"six", "6"}, {"seven", "7"}, {"eight", "8"}, {"nine", "9"}, {"ten", "10"}};
  const auto found = kNumbers.find(word);
  return found == kNumbers.end() ? word : found->second;
}

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

std::vector<std::string> ContentWords(std::string_view text) {
  std::vector<std::string> words;
  ForEachContentWord(text, [&](std::string_view word) { words.emplace_back(word); });
  return words;
}

std::vector<std::int64_t> LshBuckets(std::string_view text) {
  std::vector<std::string> words = ContentWords(text);
  if (words.empty()) return {};
  SortUnique(words);
  std::vector<std::uint64_t> signature(kMinHashSize, std::numeric_limits<std::uint64_t>::max());
  for (const std::string& word : words) {
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
