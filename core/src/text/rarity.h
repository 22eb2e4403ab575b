// How much the words a query shares with a claim say that the claim was checked before: a word
// weighs by how rare it is among the desk's claims (BM25's idf, squared), so that sharing
// "amphibious" counts and sharing "said" hardly does. Used by the workbench to rank the
// candidates the store finds (Workbench::Similar). Pure: the counts come from the store.
#ifndef CLAIMLEDGER_TEXT_RARITY_H_
#define CLAIMLEDGER_TEXT_RARITY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace claimledger {

// The weight of a word that `holding` of a desk's `claims` claims hold: ln(1 + (claims -
// holding + 0.5) / (holding + 0.5)), squared (squared ranked CheckThat! 2A's development
// tweets better than the plain idf: bench/README.md).
double RarityWeight(std::int64_t holding, std::int64_t claims);

// A query's distinct words (words.h, number words as digits) with their weights.
class WeightedQuery {
 public:
  // `words` are DistinctWords(text) of the query and `weights` their RarityWeight, in order.
  WeightedQuery(const std::vector<std::string>& words, const std::vector<double>& weights,
                double unshared_weight);
  // How much of the query the claim (its text and context) holds and how much of the claim
  // the query does, by weight, in [0, 1]: kClaimShare times the claim's share plus the rest
  // times the query's. A claim's words that the query lacks weigh `unshared_weight` each (their
  // counts are not looked up).
  double Overlap(std::string_view text, const std::optional<std::string>& context) const;

 private:
  std::vector<std::pair<std::uint64_t, double>> words_;  // hash, weight; sorted by hash
  double total_ = 0;                                     // of every weight
  double unshared_weight_;
};

// The distinct words of `text` (ForEachWord, also parted by punctuation and symbols outside
// ASCII such as curly quotes and emoji; "one" to "ten" as digits), in order of first use.
std::vector<std::string> DistinctWords(std::string_view text);

// The share of WeightedQuery::Overlap that is the claim's (chosen on CheckThat! 2A's
// development tweets among 0.1, 0.2 and 0.3, where 0.1 and 0.2 ranked alike: bench/README.md).
inline constexpr double kClaimShare = 0.2;

}  // namespace claimledger

#endif  // CLAIMLEDGER_TEXT_RARITY_H_
