// How alike two claims are ("checked before?"), a pure function of the text layer.
//
// The store finds candidates among a desk's claims through their MinHash/LSH buckets
// (internal: text/min_hash.h); they are then ranked by this finer similarity of words and
// character trigrams, so that rewording, reordering and dropped words still match.
#ifndef CLAIMLEDGER_SIMILARITY_H_
#define CLAIMLEDGER_SIMILARITY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace claimledger {

// The share of whole words in TextSimilarity (the rest is character trigrams). Chosen on
// bench/bench_similar.py: of 0.3, 0.5 and 0.7, 0.7 ranked reworded claims best among 1,000,000.
inline constexpr double kWordWeight = 0.7;

// How alike two texts are, in [0, 1]: kWordWeight times the Jaccard similarity of their
// word sets (every word, stop words included, with "one" to "ten" counted as digits) plus
// the rest times the Jaccard similarity of the character trigrams of their content words.
// Stop words count because among short claims they tell near-twins apart ("Spider-Man 2
// was released" against "Spider-Man 2 in 2014"); trigrams forgive inflections and typos.
double TextSimilarity(std::string_view a, std::string_view b);

// What TextSimilarity compares, computed once for a text that is compared with many (a
// query against each candidate): its words (as 64-bit hashes) and the character trigrams
// of its content words.
class SimilarityProfile {
 public:
  explicit SimilarityProfile(std::string_view text);
  // TextSimilarity of the two texts.
  double Similarity(const SimilarityProfile& other) const;

 private:
  std::vector<std::uint64_t> words_;     // distinct, sorted; stop words included
  std::vector<std::uint32_t> trigrams_;  // distinct, sorted; three bytes packed in each
};

}  // namespace claimledger

#endif  // CLAIMLEDGER_SIMILARITY_H_
