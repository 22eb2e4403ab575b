// What the workbench takes in: how to open a desk, and the records of new sources, snapshots,
// claims, evidence and verdicts. Plain structs with the defaults a user would expect; the
// workbench checks every field (workbench.h says what each operation refuses).
#ifndef CLAIMLEDGER_OPTIONS_H_
#define CLAIMLEDGER_OPTIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "claimledger/scale.h"

namespace claimledger {

struct WorkbenchOptions {
  std::string actor = "unknown";            // who makes the changes; recorded in every event
  std::string scale = "default";            // a built-in scale for a new ledger (see scale.h)
  std::optional<RatingScale> custom_scale;  // or a scale of your own; wins over `scale`
  bool create = true;                       // create the ledger when it does not exist
  // Open without write access: nothing is created, every write throws Error(kReadOnly), and a
  // file on read-only media (a folder that cannot be written) can still be read.
  bool read_only = false;
  // Opening an existing desk whose scale differs from `scale`/`custom_scale` throws
  // Error(kInvalidInput) naming the desk's scale; false: an existing desk keeps its own.
  bool check_scale = false;
  // A new desk's origin, the first line of every checkpoint it signs (one line of UTF-8, no
  // spaces or '+', such as "news.example/korea-desk"); fixed at creation. Nothing: derived
  // from the ledger's identity ("claimledger/" and 32 hex digits of it).
  std::optional<std::string> origin;
};

struct NewSource {
  std::string name;
  std::string kind = "outlet";  // outlet, person, organisation, official-record, dataset
  std::optional<std::string> url;
  std::optional<std::string> affiliation;
  // An outside id, unique in the ledger: adding a source whose ref exists returns the
  // existing source and appends nothing (so loading a dataset twice adds nothing).
  std::optional<std::string> ref;
  // A JSON object of text and integer values ("{}" for none), e.g. {"party": "Republican"}.
  std::string attributes = "{}";
};

struct NewVerdict {
  std::string rating;
  std::string rationale;
};

struct NewSnapshot {
  std::string content;  // the exact bytes (UTF-8 text for documents that are quoted)
  std::optional<std::string> url;
  std::optional<std::string> title;
  std::optional<std::string> publisher;  // a source id
  std::optional<std::string> published;  // YYYY-MM-DD or RFC 3339
  std::optional<std::string> retrieved;  // YYYY-MM-DD or RFC 3339
};

struct NewClaim {
  std::string text;
  std::optional<std::string> claimant;    // a source id
  std::optional<std::string> appears_in;  // a snapshot's content id
  std::optional<std::string> quote;       // where in it; defaults to the claim's text
  std::vector<std::string> tags;
  // When it was made: YYYY-MM-DD or RFC 3339; none: the snapshot's date (Workbench::AddClaim).
  std::optional<std::string> date;
  std::optional<std::string> context;  // where or how it was made
  // An outside id, unique in the ledger: a claim whose ref exists is not added again.
  std::optional<std::string> ref;
  // Where it was loaded from: a JSON object of text and integer values, or "" for none.
  std::string provenance;
  std::optional<NewVerdict> verdict;  // a first verdict, recorded with the claim
  // A status to give the claim at once, after its verdict, as SetStatus would from new (e.g.
  // published-elsewhere for a review imported from its publisher); empty: the claim is new.
  std::optional<std::string> status;
  bool match_case = true;  // false: the quote is found whatever its case
  // When the quote occurs more than once: text just before (prefix) or after (suffix) it in
  // the snapshot, which picks the place (as NewEvidence's).
  std::optional<std::string> prefix;
  std::optional<std::string> suffix;
};

struct NewEvidence {
  std::string claim;
  std::string snapshot;
  std::string quote;
  std::string stance;  // supports, refutes, context
  std::optional<std::string> note;
  std::optional<std::string> credibility;  // Admiralty "1" (confirmed) to "6"
  bool match_case = true;                  // false: the quote is found whatever its case
  // When the quote occurs more than once: text just before (prefix) or after (suffix) it
  // in the snapshot, which picks the place (the W3C TextQuoteSelector's context).
  std::optional<std::string> prefix;
  std::optional<std::string> suffix;
};

}  // namespace claimledger

#endif  // CLAIMLEDGER_OPTIONS_H_
