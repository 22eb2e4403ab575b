// The words a desk accepts, in one place: claim statuses, evidence stances, source kinds,
// the Admiralty grades of source reliability and of information credibility, and the event
// types of the ledger. The workbench checks input against these lists, the error messages
// quote them, and the Python package reads them from here instead of keeping copies.
#ifndef CLAIMLEDGER_VOCABULARY_H_
#define CLAIMLEDGER_VOCABULARY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace claimledger {

// A grade and what it means ("A", "completely reliable").
struct Grade {
  std::string code;
  std::string meaning;
};

// new, published-elsewhere, in-progress, reviewed, published: the order a claim moves forward
// in. published-elsewhere is a claim whose verdict another publisher published (a ClaimReview
// imported from it), which the desk has not taken up; the desk's own publishing is published.
const std::vector<std::string>& ClaimStatuses();

// supports, refutes, context: how a piece of evidence bears on its claim.
const std::vector<std::string>& Stances();

// outlet, person, organisation, official-record, dataset.
const std::vector<std::string>& SourceKinds();

// Source reliability on the Admiralty scale, "A" (completely reliable) to "F" (reliability
// cannot be judged).
const std::vector<Grade>& ReliabilityGrades();

// The credibility of one piece of information on the Admiralty scale, "1" (confirmed by
// other sources) to "6" (truth cannot be judged).
const std::vector<Grade>& CredibilityGrades();

// The meaning of `code` in `grades`, or nothing when it is not one of them.
std::optional<std::string> GradeMeaning(const std::vector<Grade>& grades, std::string_view code);

// exact, moved, changed, orphaned: where a quote of an old version of a document is in a new
// one (anchor.h, ReanchorStatus).
const std::vector<std::string>& ReanchorStatuses();

// The type names of the ledger's events, in the order they were introduced:
// ledger.created, source.added, snapshot.added, claim.added, evidence.linked, verdict.set,
// status.set, source.rated.
const std::vector<std::string>& EventTypeNames();

}  // namespace claimledger

#endif  // CLAIMLEDGER_VOCABULARY_H_
