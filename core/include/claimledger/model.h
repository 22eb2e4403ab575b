// The records a desk keeps: events, sources, snapshots, claims, evidence, verdicts and
// source ratings, as plain structs, and what reads and audits give back (hits, checkpoints,
// verify reports). Everything but the events is a projection of the events; these structs
// are what the store returns and what the workbench hands to its callers. JSON values that
// travel with a record (an event's data, a source's attributes, a claim's provenance) are
// held as their canonical JSON text.
#ifndef CLAIMLEDGER_MODEL_H_
#define CLAIMLEDGER_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "claimledger/anchor.h"
#include "claimledger/quantities.h"

namespace claimledger {

// One change in the ledger. `hash` = SHA-256 of the canonical JSON of the other fields.
struct Event {
  std::int64_t seq = 0;  // 1 for the genesis event, then +1 per event, no gaps
  std::string prev;      // hash of the event before; GenesisPrev() for the first
  std::string type;      // "claim.added", "verdict.set", ... (vocabulary.h: EventTypeNames)
  std::string at;        // RFC 3339 UTC with microseconds
  std::string actor;     // who made the change
  std::string data;      // the change itself: a JSON object, as its canonical JSON text
  std::string hash;      // "sha256:…"
};

// The fields every entity shares: the event that created it.
struct Origin {
  std::int64_t seq = 0;
  std::string at;
  std::string actor;
  // For a change merged from another desk: when it was made there, and that desk's
  // identity. For a local change made_at == at and from_ledger is empty.
  std::string made_at;
  std::optional<std::string> from_ledger;
};

struct Source {
  std::string id;  // "src_" + 16 hex digits of the creating event's hash
  std::string name;
  std::string kind;  // outlet, person, organisation, official-record, dataset
  std::optional<std::string> url;
  std::optional<std::string> affiliation;
  std::optional<std::string> reliability;  // current Admiralty grade A–F, if rated
  std::optional<std::string> ref;          // an outside id ("liar:speaker:…"), unique
  std::string attributes = "{}";  // e.g. job, state, party: a JSON object of text and integers
  Origin origin;
  // When this source was merged into another that is the same (a source.merged event): the
  // source it is an alias of, whose id its claims, ratings and track record count for.
  std::optional<std::string> alias_of;
};

struct Snapshot {
  std::string hash;    // content id: "xxh3-128:…" of the exact bytes
  std::string sha256;  // "sha256:…" of the same bytes, committed to by the chain
  std::int64_t size = 0;
  std::optional<std::string> url;
  std::optional<std::string> title;
  std::optional<std::string> publisher;  // source id
  std::optional<std::string> published;  // date as given (YYYY-MM-DD or RFC 3339)
  std::optional<std::string> retrieved;
  Origin origin;
};

struct Verdict {
  std::string claim;
  std::string rating;
  std::string rationale;
  std::vector<std::string> evidence;  // evidence ids relied on
  Origin origin;
};

// A claim whose current verdicts differed between two desks when they were merged, each side
// as it was: its rating, rationale, who made it and when. After the merge the verdict made last
// is current; the conflict stays on the claim until a verdict is made after it (a person
// decides by setting the verdict again).
struct MergeConflict {
  std::string claim;
  std::string local_rating;
  std::string other_rating;
  std::string local_rationale;
  std::string other_rationale;
  std::string local_actor;
  std::string other_actor;
  std::string local_at;
  std::string other_at;
  std::string other_ledger;  // the other desk's identity
};

struct Claim {
  std::string id;  // "clm_" + 16 hex digits
  std::string text;
  std::optional<std::string> claimant;  // source id
  std::string status;  // new, published-elsewhere, in-progress, reviewed, published; retracted
  std::vector<std::string> tags;     // sorted, unique
  std::vector<Quote> appearances;    // where the claim appears
  std::vector<Quantity> quantities;  // parsed from the text when it was added (or corrected)
  std::optional<Verdict> verdict;    // the current (latest) verdict
  // When the claim was made (YYYY-MM-DD or RFC 3339): as given, else the published, else
  // retrieved, date of the snapshot it appears in (claims recorded by versions before this
  // rule keep what was given). None: reads by date use when it was recorded (origin.at).
  std::optional<std::string> date;
  std::optional<std::string> context;  // where or how it was made ("a campaign mailer")
  std::optional<std::string> ref;      // an outside id ("liar:2635.json"), unique
  std::string provenance = "null";     // where it was loaded from: a JSON object, or null
  Origin origin;
  // The verdict conflict a merge found, until a verdict is made after it (filled by the
  // workbench's reads).
  std::optional<MergeConflict> conflict;
};

struct Evidence {
  std::string id;  // "evd_" + 16 hex digits
  std::string claim;
  Quote quote;
  std::string stance;  // supports, refutes, context
  std::optional<std::string> note;
  std::optional<std::string> credibility;  // Admiralty 1 (confirmed) to 6 (cannot be judged)
  Origin origin;
  // Why it was unlinked from its claim (an evidence.unlinked event); nothing while it counts.
  std::optional<std::string> unlinked;
};

struct SourceRating {
  std::string source;
  std::string grade;  // Admiralty A–F
  std::string rationale;
  Origin origin;
};

// Current verdicts counted by rating (and year), for track records.
struct RatingCount {
  std::string source;  // the claimant
  std::string rating;
  int year = 0;  // year the claim was made (or recorded); 0 when counted over all years
  std::int64_t count = 0;
};

// One claim found by full-text search.
struct SearchHit {
  std::string claim;
  double score = 0;     // higher is better (BM25)
  std::string snippet;  // the matching part of the text, matches in [brackets]
};

// A snapshot whose text matches a full-text search.
struct SnapshotHit {
  std::string snapshot;  // its content hash
  double score = 0;      // higher is better (BM25)
  std::string snippet;   // the matching part of the text, matches in [brackets]
};

// A claim found to be a near duplicate of some text, with how alike they are (0 to 1).
struct SimilarHit {
  std::string claim;
  double score = 0;
};

// Filters for listing claims; an empty field matches everything.
struct ClaimFilter {
  std::optional<std::string> status;  // one of ClaimStatuses(), or "retracted"
  std::optional<std::string> rating;
  // A source id (its aliases' claims too) or a source's unique name.
  std::optional<std::string> claimant;
  std::optional<std::string> tag;
  std::int64_t limit = -1;  // -1: no limit
  bool conflict = false;    // only claims with a verdict conflict from a merge, not yet decided
};

// The head of the chain, to keep somewhere else and verify against later.
struct Checkpoint {
  std::string ledger;  // the ledger's identity: the hash of its genesis event
  std::int64_t seq = 0;
  std::string hash;
  std::string at;
};

// One problem found by verify(). `seq` is 0 when the problem is not tied to one event.
struct Problem {
  std::int64_t seq = 0;
  std::string kind;  // hash-mismatch, broken-link, gap, content-mismatch,
                     // projection-mismatch, unknown-event, invalid-event, checkpoint-mismatch
  std::string detail;
};

struct VerifyReport {
  bool ok = true;
  std::int64_t events = 0;  // events checked
  std::vector<Problem> problems;
};

struct MergeReport {
  std::string other;         // the other desk's identity
  std::int64_t added = 0;    // events brought in
  std::int64_t skipped = 0;  // events this desk already had (or identical snapshots)
  std::vector<MergeConflict> conflicts;
  // Claims that were reviewed or published here and whose current verdict after the merge is
  // one nobody approved: the merge moved each back to in-progress.
  std::vector<std::string> reopened;
};

}  // namespace claimledger

#endif  // CLAIMLEDGER_MODEL_H_
