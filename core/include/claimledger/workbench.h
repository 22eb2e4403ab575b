// The workbench: the one facade over a desk. Every public operation checks its input,
// runs as one transaction, and either appends its events (and their projections) or
// writes nothing and throws a claimledger::Error that says what was wrong and what is
// accepted. Reads see one consistent state. A Workbench may be shared between threads:
// its operations are serialised.
#ifndef CLAIMLEDGER_WORKBENCH_H_
#define CLAIMLEDGER_WORKBENCH_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "claimledger/anchor.h"
#include "claimledger/candidates.h"
#include "claimledger/model.h"
#include "claimledger/options.h"
#include "claimledger/quantities.h"
#include "claimledger/scale.h"
#include "claimledger/track_record.h"
#include "claimledger/transparency.h"

namespace claimledger {

// Where one quote of the old snapshot is in the new one (see Workbench::Reanchor).
struct QuoteReanchor {
  std::string claim;
  std::optional<std::string> evidence;  // the evidence id; nothing for the claim's own quote
  Quote old_quote;
  Reanchored result;  // status, the quote in the new snapshot, similarity, why
};

// A claim resting on quotes that changed or were orphaned: a person should look again.
struct ReviewNeeded {
  std::string claim;
  std::optional<std::string> rating;  // its current verdict's rating, if it has one
  std::vector<std::string> evidence;  // its evidence ids whose quotes changed or were orphaned
  bool appearance = false;            // its own appears_in quote changed or was orphaned
  bool verdict_cites = false;         // the current verdict cites one of those evidence ids
};

struct ReanchorReport {
  std::string old_snapshot;
  std::string new_snapshot;
  std::optional<std::string> old_url;
  std::optional<std::string> new_url;
  std::vector<QuoteReanchor> quotes;       // in the order of their old position
  std::vector<ReviewNeeded> needs_review;  // in the order of their first such quote
};

class Workbench {
 public:
  // Opens the ledger at `path`, a file (":memory:" for a private in-memory one) or a desk on
  // a PostgreSQL server (a postgresql:// URL, store/open_store.h), creating it when it does
  // not exist and options.create is true. Throws Error(kStorage) for a file that is not a
  // ledger (left untouched) or a newer schema, Error(kNotFound) when the file or desk does not
  // exist and create is false, Error(kInvalidInput) for an unknown scale or a URL that cannot
  // be read.
  static std::unique_ptr<Workbench> Open(const std::string& path,
                                         const WorkbenchOptions& options = {});

  const std::string& actor() const;
  // Throws Error(kInvalidInput) when `actor` is empty or not UTF-8.
  void set_actor(const std::string& actor);

  // --- writes: each one transaction -----------------------------------------------------
  // Re-running the same steps is safe: a source with the name, kind and url of an existing
  // one (or its ref) is that source, returned with its id and nothing appended.
  Source AddSource(const NewSource& source);
  // The same bytes are stored once: adding them again returns the existing snapshot
  // unchanged (its first metadata stays) and appends nothing.
  Snapshot AddSnapshot(const NewSnapshot& snapshot);
  // A quote (a claim's appears_in quote, an evidence quote) is found with LocateQuote
  // (anchor.h): white space, quote marks and dashes may differ, and case when match_case is
  // false; the snapshot's own text is recorded. Throws Error(kAnchor) when the snapshot is
  // not text ("claimledger.anchor.not_text"), the quote is empty ("...anchor.empty"), not
  // there ("...anchor.not_found") or at several places nothing tells apart
  // ("...anchor.ambiguous", naming them).
  // A claim identical to an existing one (the same text, claimant and appearance: snapshot and
  // place of its quote), or with an existing ref, is that claim: returned, nothing appended.
  // Existing claims are found from an index (the snapshot's appearances, else the full-text
  // index), then compared exactly.
  // A claim's date, when not given, is the published date of the snapshot it appears in,
  // else that snapshot's retrieved date (recorded in the claim's event); a claim with neither
  // has none, and search's date range and track records by year use when it was recorded.
  Claim AddClaim(const NewClaim& claim);
  // The same link (claim, snapshot, place of the quote, stance) again returns the existing
  // evidence. The same quote both supporting and refuting one claim is refused
  // (Error(kInvalidInput) "claimledger.evidence.contradicts").
  Evidence LinkEvidence(const NewEvidence& evidence);
  // Appends a verdict; earlier verdicts stay in the history. `evidence` ids must be
  // linked to this claim.
  Verdict SetVerdict(const std::string& claim, const std::string& rating,
                     const std::string& rationale, const std::vector<std::string>& evidence);
  // Moves a claim along new -> published-elsewhere -> in-progress -> reviewed -> published
  // (forward steps may be skipped; published-elsewhere, reviewed and published need a verdict)
  // or back to in-progress. The status it has already changes nothing (nothing appended).
  Claim SetStatus(const std::string& claim, const std::string& status);
  // Rates a source's reliability on the Admiralty scale, "A" to "F".
  SourceRating RateSource(const std::string& source, const std::string& grade,
                          const std::string& rationale);

  // --- corrections (README, "Corrections"): each one event with its reason, which must not be
  // blank (Error(kInvalidInput) "claimledger.correction.no_reason"); the rows as first written
  // stay in the history. Unknown ids throw Error(kNotFound).
  //
  // Withdraws a claim: status "retracted". Exports leave it out (unless asked) and track
  // records do not count it; it takes no verdict, evidence or correction until SetStatus
  // reopens it ("in-progress", the only status a retracted claim may go to). A claim
  // retracted already is returned unchanged (nothing appended).
  Claim Retract(const std::string& claim, const std::string& reason);
  // The evidence stops counting: not among its claim's evidence (EvidenceFor), not citable by
  // a new verdict; verdicts that cited it keep it. GetEvidence still finds it, with the
  // reason in `unlinked`. Evidence unlinked already is returned unchanged.
  Evidence UnlinkEvidence(const std::string& evidence, const std::string& reason);
  // Corrects a claim's text and/or claimant (a source id or unique name; nothing keeps it).
  // The quantities are parsed from the new text. When the claim's appears_in quote was its own
  // old text, the new text is looked for in the same snapshot: found, the appearance moves to
  // it; not found, Error(kAnchor) unless `quote` names the snapshot's words it stands on (the
  // old text keeps the old place). A `quote` given is anchored in that snapshot in any case.
  // Throws Error(kInvalidInput) "claimledger.correction.nothing" when neither text nor
  // claimant is given, "claimledger.claim.retracted" for a retracted claim; the text and
  // claimant the claim has already change nothing (the claim is returned, nothing appended).
  Claim CorrectClaim(const std::string& claim, const std::optional<std::string>& text,
                     const std::optional<std::string>& claimant, const std::string& reason,
                     const std::optional<std::string>& quote = std::nullopt);
  // Source `source` is the same as `into`: it becomes an alias of it. Both ids still resolve
  // (GetSource(source).alias_of names `into`); the alias's claims, ratings and track record
  // count for `into`, and writes naming the alias (a claimant, a rating) are recorded for
  // `into`. Throws Error(kInvalidInput) "claimledger.source.merge_self" for the same source,
  // ".merge_alias" when `into` is an alias itself (merge into the source it is an alias of) or
  // `source` is an alias already.
  Source MergeSources(const std::string& source, const std::string& into,
                      const std::string& reason);

  // Batch forms: all records in one transaction; if any record is bad, nothing is
  // written and the error names the record's index ("claims[17]: ..."). They return the
  // new ids, in the order of the records. A record that is already there (see AddSource,
  // AddClaim) gives the existing id; `already_there`, when given, is set to whether each was.
  std::vector<std::string> AddSources(const std::vector<NewSource>& sources,
                                      std::vector<bool>* already_there = nullptr);
  std::vector<std::string> AddClaims(const std::vector<NewClaim>& claims,
                                     std::vector<bool>* already_there = nullptr);

  // --- reads -------------------------------------------------------------------------
  // Each throws Error(kNotFound) for an unknown id.
  Claim GetClaim(const std::string& id);
  // The claims of `ids`, in their order, read at one moment of the ledger (one read).
  std::vector<Claim> GetClaims(const std::vector<std::string>& ids);
  Source GetSource(const std::string& id);
  Snapshot GetSnapshot(const std::string& hash);
  std::string SnapshotContent(const std::string& hash);
  Evidence GetEvidence(const std::string& id);
  std::vector<Claim> Claims(const ClaimFilter& filter = {});
  // Every source (aliases too, with alias_of); with `name`, those of that name, ignoring case.
  std::vector<Source> Sources(const std::optional<std::string>& name = std::nullopt);
  // The source `id_or_name` names: a source id, or a name (ignoring case) that one source has
  // (or several that are aliases of one). Throws Error(kNotFound) for an unknown name, listing
  // the sources whose names contain it, and Error(kInvalidInput)
  // "claimledger.source.ambiguous" for a name several sources have, listing them.
  Source FindSource(const std::string& id_or_name);
  std::vector<Snapshot> Snapshots();
  std::vector<Evidence> EvidenceFor(const std::string& claim);
  std::vector<Verdict> Verdicts(const std::string& claim);
  std::vector<SourceRating> SourceRatings(const std::string& source);
  // Full-text search over claim texts, best match first (BM25), with a snippet of each.
  // Every word of `query` must occur (any word with match_any), case- and
  // accent-insensitively; the filter and the date range (YYYY-MM-DD or RFC 3339, on the
  // date a claim was made, else recorded) narrow the results. filter.limit < 0 means 10.
  std::vector<SearchHit> Search(const std::string& query, const ClaimFilter& filter = {},
                                const std::optional<std::string>& since = std::nullopt,
                                const std::optional<std::string>& until = std::nullopt,
                                bool match_any = false);
  // Full-text search over the texts of the snapshots (those that are UTF-8 text), best
  // match first (BM25), with a snippet of each; words are matched as in Search. At most
  // `limit` (1 or more) hits.
  std::vector<SnapshotHit> SearchSnapshots(const std::string& query, int limit = 10,
                                           bool match_any = false);
  // The `k` existing claims most like `text` ("checked before?"): candidates sharing a
  // MinHash/LSH bucket (the 64 sharing most, reading at most 128 claims of a bucket) and,
  // when the best of these is weak (under 0.5) or they are fewer than k, the 32 best
  // full-text matches of its rare words, ranked by TextSimilarity (similarity.h), best first.
  std::vector<SimilarHit> Similar(const std::string& text, int k = 5);
  // The sentences of a snapshot's text scored for check-worthiness (candidates.h), in
  // document order; spans are byte offsets into the content. Throws Error(kNotFound) for an
  // unknown snapshot and Error(kAnchor) ("claimledger.anchor.not_text") for one that is not
  // UTF-8 text.
  std::vector<Candidate> Candidates(const std::string& snapshot_hash);
  // Each quantity of a claim set beside the quantities quoted in its evidence
  // (CompareQuantity, quantities.h): for each of the claim's quantities in order, and each
  // evidence linked to it (oldest first) whose quote holds a quantity in the same unit or one
  // that converts, the best match among that quote's quantities, with the evidence id and its
  // stance. A claim quantity that no evidence speaks to has no entry. The claim's quantities
  // are those its event recorded; the quotes are parsed as they are read. Reads only.
  std::vector<QuantityComparison> CompareQuantities(const std::string& claim);
  // Every event that names `id` (a claim, source, snapshot or evidence), oldest first.
  std::vector<Event> History(const std::string& id);
  // Events with from <= seq <= to (to < 0: to the end).
  std::vector<Event> Events(std::int64_t from = 1, std::int64_t to = -1);
  std::int64_t EventCount();

  // A new version of a document: where every quote taken from `old_snapshot` (evidence
  // quotes and claims' appears_in quotes) is in `new_snapshot`, with ReanchorQuote
  // (anchor.h): exact, moved, changed (with the new text and its similarity) or orphaned;
  // and the claims resting on changed or orphaned quotes. Reads only, in one transaction;
  // records nothing. The snapshots may have different URLs (a document that moved, or a
  // copy); the report gives both. Throws Error(kNotFound) for an unknown snapshot and
  // Error(kAnchor) ("claimledger.anchor.not_text") for one that is not UTF-8 text.
  ReanchorReport Reanchor(const std::string& old_snapshot, const std::string& new_snapshot);

  // --- audit -------------------------------------------------------------------------
  // Proves that the desk holds what its events say (README, "What verify proves"): every
  // hash and link, every snapshot's bytes, the tables of current state against a replay of
  // the events, and, with `search_indexes`, the search indexes against the texts they index
  // (the longer part of the work on a large desk). With `against`, also that the ledger still
  // holds that checkpoint's exact event.
  VerifyReport Verify(const std::optional<Checkpoint>& against = std::nullopt,
                      bool search_indexes = true);
  Checkpoint GetCheckpoint();

  // --- transparency (claimledger/transparency.h; README, "Publishing verifiable verdicts") --
  // The origin line of the checkpoints this desk signs, fixed when it was created.
  const std::string& origin() const;
  // Signs the head of the desk's Merkle tree (all its events) with `signer`, a signer key: a
  // C2SP checkpoint (origin, size, root) as a signed note. With `cosign`, a checkpoint of this
  // desk to add the signature to, keeping its other signatures. Records nothing; the key is
  // not kept. Throws Error(kInvalidInput) for a malformed key or checkpoint, and what Prove
  // throws for a checkpoint that is not of this desk's history.
  SignedCheckpoint SignCheckpoint(const std::string& signer,
                                  const std::optional<std::string>& cosign = std::nullopt);
  // Records a signed checkpoint of this desk as a "checkpoint.signed" event (who signed which
  // size): its signatures are checked against `verifier_keys` (VerifyCheckpoint: at least one
  // must have signed; those are recorded as its signers) and this desk's tree of its size must
  // have its root. Returns the checkpoint as checked. Throws what VerifyCheckpoint and Prove
  // throw; writes nothing then.
  SignedCheckpoint RecordCheckpoint(const std::string& checkpoint,
                                    const std::vector<std::string>& verifier_keys);
  // The receipt (C2SP tlog-proof) of event `seq` under `checkpoint`, a signed checkpoint of
  // this desk (its text; its signatures are not checked here: a reader checks them). Throws
  // Error(kInvalidInput) "claimledger.checkpoint.malformed", ".other_origin" (another desk's),
  // ".beyond_desk" (a size beyond this desk's events) or "claimledger.proof.out_of_range" (a
  // seq outside 1..size), and Error(kIntegrity) "claimledger.checkpoint.forked" when this
  // desk's tree of that size has another root (its history was rewritten since).
  std::string Prove(std::int64_t seq, const std::string& checkpoint);
  // The consistency proof (RFC 6962, base64 hashes one a line) from `old_checkpoint` to
  // `new_checkpoint`, both of this desk's origin, checked against both roots: Error(kIntegrity)
  // "claimledger.checkpoint.forked" when they are not consistent (a forked history).
  std::string ProveConsistency(const std::string& old_checkpoint,
                               const std::string& new_checkpoint);
  // The receipts of a claim's current verdict under `checkpoint`: the claim's event, the
  // verdict's, and for each evidence the verdict relies on, the event that linked its quote and
  // the event that captured its document (with the document's SHA-256). Throws
  // Error(kNotFound) for an unknown claim, Error(kInvalidInput) "claimledger.receipt.no_verdict"
  // or ".after_checkpoint" when the verdict is missing or newer than the checkpoint, and what
  // Prove throws.
  std::vector<Receipt> Receipts(const std::string& claim, const std::string& checkpoint);
  // Verify() against a signed checkpoint: its signature by one of `verifier_keys`, its origin,
  // and that this desk's tree of its size has its root (problems of kind checkpoint-mismatch:
  // a truncated or rewritten history is caught without the old file). Throws
  // Error(kInvalidInput) for a malformed checkpoint or key.
  VerifyReport VerifySigned(const std::string& checkpoint,
                            const std::vector<std::string>& verifier_keys,
                            bool search_indexes = true);
  // --- credibility -------------------------------------------------------------------
  // How the claims of `source` fared: current verdicts by rating, the smoothed truth
  // score with its 95% credible interval, and the score by year (track_record.h).
  TrackRecord GetTrackRecord(const std::string& source);
  // The track record (without years) of every source that made a claim with a verdict.
  std::vector<TrackRecord> TrackRecords();

  // --- moving a desk -----------------------------------------------------------------
  // Writes the whole ledger to `path` as a bundle (bundle.h), streaming; the file
  // appears complete or not at all. Returns the head the bundle ends with.
  Checkpoint ExportBundle(const std::string& path);
  // Replaces this NEW ledger (nothing but its own first event) with the bundle's chain:
  // the same events, hashes and identity. Every line is verified; anything altered
  // throws Error(kIntegrity) naming the line and nothing is written. A ledger that
  // already has history throws Error(kInvalidInput) (merge desks instead).
  Checkpoint ImportBundle(const std::string& path);

  // Brings another desk's events into this one, in one transaction. `path` is the other
  // desk's ledger file, its postgresql:// URL, or a bundle. Every merged event keeps the other
  // desk's identity and the original event's hash, time and actor under "origin", and entities keep
  // their ids; events this desk already has (its own, or merged before) and snapshots it
  // already stores are skipped, so merging the same desk twice adds nothing. Desks must
  // share the rating scale (Error(kInvalidInput) otherwise).
  MergeReport Merge(const std::string& path);

  // Regenerates the tables of current state from the events (see Ledger::Rebuild).
  std::int64_t Rebuild();

  // A read-only view of the desk as it was right after event `seq` (clamped to the
  // ledger's length), with the same read methods; every write throws Error(kReadOnly).
  // Throws Error(kInvalidInput) when seq < 1.
  std::unique_ptr<Workbench> AsOf(std::int64_t seq);
  // The same at a time: the state after the last event with `at` <= `time` (YYYY-MM-DD
  // means 00:00 UTC that day, or an RFC 3339 time). Throws Error(kInvalidInput) for a
  // time that does not parse or that is before the ledger was created.
  std::unique_ptr<Workbench> AsOfTime(const std::string& time);
  // The seq the view was taken at, or nothing for the live workbench.
  std::optional<std::int64_t> as_of() const;
  const RatingScale& scale() const;
  const std::string& identity() const;

  ~Workbench();
  Workbench(const Workbench&) = delete;
  Workbench& operator=(const Workbench&) = delete;

 private:
  struct Impl;  // workbench/impl.h
  explicit Workbench(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace claimledger

#endif  // CLAIMLEDGER_WORKBENCH_H_
