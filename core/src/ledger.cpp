// The ledger layer: builds and chains events, applies them to the projections, and
// verifies the whole history. It reaches storage only through the Store interface.
#include "claimledger/ledger.h"

#include <algorithm>
#include <atomic>
#include <future>
#include <iterator>
#include <map>
#include <set>

#include "claimledger/codec.h"
#include "claimledger/dates.h"
#include "claimledger/error.h"
#include "claimledger/hash.h"
#include "claimledger/json_view.h"

namespace claimledger {
namespace {

constexpr const char* kGenesisType = "ledger.created";
constexpr int kLedgerFormat = 1;

using nlohmann::json;

// A change merged from another desk carries {"origin": {"ledger", "hash", "at", ...}}: the
// desk it came from, and the hash and time of the event there.
std::optional<JsonValue> MergeOrigin(const JsonValue& data) {
  auto found = data.Find("origin");
  return found && found->is_object() ? found : std::nullopt;
}

Origin OriginOf(const Event& event, const JsonValue& data) {
  Origin origin{event.seq, event.at, event.actor, event.at, std::nullopt};
  if (const auto merged = MergeOrigin(data)) {
    origin.made_at = merged->StringAt("at");
    origin.from_ledger = merged->StringAt("ledger");
  }
  return origin;
}

// The hash that names what an event created: the original event's for a merged change,
// so that an entity keeps its id on every desk.
std::string CreatorHash(const Event& event, const JsonValue& data) {
  const auto merged = MergeOrigin(data);
  return merged ? merged->StringAt("hash") : event.hash;
}

// --- projection of each event type ------------------------------------------------------
// Each reads the event's data `d` (read with ReadData) and writes what it means.

void ApplySourceAdded(ProjectionWriter& store, const Event& e, const JsonValue& d) {
  Source source;
  source.id = EntityId("src", CreatorHash(e, d));
  source.name = d.StringAt("name");
  source.kind = d.StringAt("kind");
  source.url = d.OptionalString("url");
  source.affiliation = d.OptionalString("affiliation");
  source.ref = d.OptionalString("ref");
  const auto attributes = d.Find("attributes");
  source.attributes = attributes ? json::parse(attributes->text()) : json::object();
  source.origin = OriginOf(e, d);
  store.PutSource(source);
  store.AddEventRef(source.id, e.seq);
}

void ApplySnapshotAdded(ProjectionWriter& store, const Event& e, const JsonValue& d) {
  Snapshot snapshot;
  snapshot.hash = d.StringAt("hash");
  snapshot.sha256 = d.StringAt("sha256");
  snapshot.size = d.At("size").Int();
  snapshot.url = d.OptionalString("url");
  snapshot.title = d.OptionalString("title");
  snapshot.publisher = d.OptionalString("publisher");
  snapshot.published = d.OptionalString("published");
  snapshot.retrieved = d.OptionalString("retrieved");
  snapshot.origin = OriginOf(e, d);
  store.PutSnapshot(snapshot);
  store.AddEventRef(snapshot.hash, e.seq);
  if (snapshot.publisher) store.AddEventRef(*snapshot.publisher, e.seq);
}

void ApplyClaimAdded(ProjectionWriter& store, const Event& e, const JsonValue& d) {
  // The keys in the order canonical JSON writes them (the quickest to find), the objects
  // inside read after them.
  Claim claim;
  const JsonValue appears_in = d.At("appears_in");
  claim.claimant = d.OptionalString("claimant");
  claim.context = d.OptionalString("context");
  claim.date = d.OptionalString("date");
  claim.id = EntityId("clm", CreatorHash(e, d));
  claim.origin = OriginOf(e, d);
  const JsonValue quantities = d.At("quantities");
  claim.ref = d.OptionalString("ref");
  claim.tags = d.At("tags").Strings();
  claim.text = d.StringAt("text");
  claim.status = "new";
  if (!appears_in.is_null()) claim.appearances.push_back(QuoteFromJson(appears_in));
  // Quantities and provenance stay in the event, where the store reads them from; the
  // quantities are still read here, so that an event with malformed ones is refused.
  for (const JsonValue& quantity : quantities.Elements()) CheckQuantityJson(quantity);
  store.PutClaim(claim);
  store.AddEventRef(claim.id, e.seq);
  if (claim.claimant) store.AddEventRef(*claim.claimant, e.seq);
  for (const Quote& quote : claim.appearances) store.AddEventRef(quote.snapshot, e.seq);
}

void ApplyEvidenceLinked(ProjectionWriter& store, const Event& e, const JsonValue& d) {
  Evidence evidence;
  evidence.id = EntityId("evd", CreatorHash(e, d));
  evidence.claim = d.StringAt("claim");
  evidence.quote = QuoteFromJson(d.At("quote"));
  evidence.stance = d.StringAt("stance");
  evidence.note = d.OptionalString("note");
  evidence.credibility = d.OptionalString("credibility");
  evidence.origin = OriginOf(e, d);
  store.PutEvidence(evidence);
  store.AddEventRef(evidence.id, e.seq);
  store.AddEventRef(evidence.claim, e.seq);
  store.AddEventRef(evidence.quote.snapshot, e.seq);
}

void ApplyVerdictSet(ProjectionWriter& store, const Event& e, const JsonValue& d) {
  Verdict verdict;
  verdict.claim = d.StringAt("claim");
  verdict.rating = d.StringAt("rating");
  verdict.rationale = d.StringAt("rationale");
  verdict.evidence = d.At("evidence").Strings();
  verdict.origin = OriginOf(e, d);
  store.AddVerdict(verdict);
  store.AddEventRef(verdict.claim, e.seq);
  for (const std::string& evidence : verdict.evidence) store.AddEventRef(evidence, e.seq);
}

void ApplyStatusSet(ProjectionWriter& store, const Event& e, const JsonValue& d) {
  const std::string claim = d.StringAt("claim");
  store.SetClaimStatus(claim, d.StringAt("status"), OriginOf(e, d).made_at);
  store.AddEventRef(claim, e.seq);
}

void ApplySourceRated(ProjectionWriter& store, const Event& e, const JsonValue& d) {
  SourceRating rating;
  rating.source = d.StringAt("source");
  rating.grade = d.StringAt("grade");
  rating.rationale = d.StringAt("rationale");
  rating.origin = OriginOf(e, d);
  store.AddSourceRating(rating);
  store.AddEventRef(rating.source, e.seq);
}

using Applier = void (*)(ProjectionWriter&, const Event&, const JsonValue&);

const std::map<std::string, Applier, std::less<>>& Appliers() {
  static const std::map<std::string, Applier, std::less<>> kAppliers = {
      {kGenesisType, [](ProjectionWriter&, const Event&, const JsonValue&) {}},
      {"source.added", ApplySourceAdded},
      {"snapshot.added", ApplySnapshotAdded},
      {"claim.added", ApplyClaimAdded},
      {"evidence.linked", ApplyEvidenceLinked},
      {"verdict.set", ApplyVerdictSet},
      {"status.set", ApplyStatusSet},
      {"source.rated", ApplySourceRated},
  };
  return kAppliers;
}

Error InvalidEvent(const Event& event, const std::string& why) {
  return Error(Code::kIntegrity, "claimledger.ledger.invalid_event",
               "event " + std::to_string(event.seq) + " (" + event.type + ") " + why);
}

// Reads the data of `event` from `text` into `view`: as it is when it is canonical JSON
// (always, unless the file was edited behind the ledger's back), else written canonically
// first into `canonical`. Nothing when `text` is not JSON at all; throws an invalid_event
// Error when it cannot be written canonically (floats, nesting too deep).
std::optional<JsonValue> ReadData(const Event& event, std::string_view text, JsonView& view,
                                  std::string& canonical) {
  if (view.Parse(text)) return view.root();
  const json parsed = json::parse(text, nullptr, false);
  if (parsed.is_discarded()) return std::nullopt;
  try {
    canonical = CanonicalJson(parsed);
  } catch (const Error& error) {
    throw InvalidEvent(event, std::string("has data that is not canonical JSON: ") + error.what());
  }
  if (!view.Parse(canonical)) {
    throw InvalidEvent(
        event, "has data nested more than " + std::to_string(JsonView::kMaxDepth) + " levels deep");
  }
  return view.root();
}

// Applies `event`, whose data is `data`, to `store`.
void ApplyData(ProjectionWriter& store, const Event& event, const JsonValue& data) {
  const auto found = Appliers().find(event.type);
  if (found == Appliers().end()) {
    throw Error(Code::kIntegrity, "claimledger.ledger.unknown_event",
                "unknown event type \"" + event.type + "\" at seq " + std::to_string(event.seq));
  }
  try {
    found->second(store, event, data);
    if (MergeOrigin(data)) store.AddEventRef(CreatorHash(event, data), event.seq);
  } catch (const JsonFieldError& error) {
    throw InvalidEvent(event,
                       std::string("does not have the fields its type needs: ") + error.what());
  } catch (const json::exception& error) {
    throw InvalidEvent(event,
                       std::string("does not have the fields its type needs: ") + error.what());
  }
}

}  // namespace

namespace {

// Appends `text` as a canonical JSON string: as it is when every byte is printable ASCII
// other than '"' and '\\' (the common case), else as CanonicalJson writes it.
void AppendJsonString(std::string& out, const std::string& text) {
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
  });
  if (plain) {
    out.append(1, '"').append(text).append(1, '"');
  } else {
    out.append(CanonicalJson(json(text)));
  }
}

// The hash of `event` as stored, its data being `data_text`; a text saying why when it
// cannot be computed.
std::string StoredEventHash(const Event& event, std::string_view data_text) {
  try {
    return Sha256(CanonicalEventText(event, data_text));
  } catch (const Error& error) {
    return std::string("(cannot be computed: ") + error.what() + ")";
  }
}

// True when `event` (its data parsed from the stored text) hashes to its stored hash once
// its data is written canonically: only the formatting of the stored data changed.
bool IsRespaced(const Event& event) {
  try {
    return Sha256(CanonicalEventText(event, CanonicalJson(event.data))) == event.hash;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace

std::string CanonicalEventText(const Event& event) {
  return CanonicalEventText(event, CanonicalJson(event.data));
}

// The six keys in sorted order, written around the canonical data (no copy of it).
std::string CanonicalEventText(const Event& event, std::string_view data_text) {
  std::string out;
  out.reserve(data_text.size() + event.prev.size() + event.at.size() + event.actor.size() +
              event.type.size() + 80);
  out.append("{\"actor\":");
  AppendJsonString(out, event.actor);
  out.append(",\"at\":");
  AppendJsonString(out, event.at);
  out.append(",\"data\":").append(data_text).append(",\"prev\":");
  AppendJsonString(out, event.prev);
  out.append(",\"seq\":").append(std::to_string(event.seq)).append(",\"type\":");
  AppendJsonString(out, event.type);
  return out.append(1, '}');
}

std::string EventHash(const Event& event) { return Sha256(CanonicalEventText(event)); }

std::string EntityId(const std::string& prefix, const std::string& event_hash) {
  return prefix + "_" + event_hash.substr(kSha256Prefix.size(), 16);
}

// --- Transaction --------------------------------------------------------------------------

Ledger::Transaction::Transaction(Ledger& ledger) : ledger_(ledger) {
  ledger_.store_.BeginWrite();
  try {
    if (const auto head = ledger_.store_.LastEvent()) {
      seq_ = head->seq;
      hash_ = head->hash;
      at_ = head->at;
    } else {
      hash_ = GenesisPrev();
    }
  } catch (...) {
    ledger_.store_.Rollback();
    throw;
  }
}

Ledger::Transaction::~Transaction() {
  if (!done_) ledger_.store_.Rollback();
}

Event Ledger::Transaction::Append(const std::string& type, const std::string& actor, json data) {
  Event event;
  event.seq = seq_ + 1;
  event.prev = hash_;
  event.type = type;
  // Event times never go backwards, even when the system clock does.
  event.at = std::max(UtcNow(), at_);
  event.actor = actor;
  event.data = std::move(data);
  // The data is serialised once: for the hash and for the stored row.
  const std::string data_text = CanonicalJson(event.data);
  event.hash = Sha256(CanonicalEventText(event, data_text));
  ledger_.store_.AppendEvent(event, data_text);
  Apply(ledger_.store_, event, data_text);
  seq_ = event.seq;
  hash_ = event.hash;
  at_ = event.at;
  return event;
}

void Ledger::Transaction::Commit() {
  ledger_.store_.Commit();
  done_ = true;
}

// --- Ledger -------------------------------------------------------------------------------

Ledger::Ledger(Store& store, const RatingScale& scale, const std::string& actor)
    : store_(store), scale_(scale) {
  std::optional<Event> genesis;
  {
    ReadScope read(store_);
    genesis = store_.EventAt(1);
  }
  if (!genesis) {
    Transaction transaction(*this);
    genesis = store_.EventAt(1);  // another process may have created it meanwhile
    if (!genesis) {
      genesis = transaction.Append(kGenesisType, actor,
                                   {{"format", "claimledger"},
                                    {"version", kLedgerFormat},
                                    {"scale", scale.ToJson()},
                                    {"nonce", RandomHex(16)}});
    }
    transaction.Commit();
  }
  if (genesis->type != kGenesisType || !genesis->data.is_object() ||
      !genesis->data.contains("scale")) {
    throw Error(Code::kIntegrity, "claimledger.ledger.no_genesis",
                "the first event of this ledger is not a ledger.created event");
  }
  scale_ = RatingScale::FromJson(genesis->data["scale"]);
  identity_ = genesis->hash;
}

void Ledger::Apply(ProjectionWriter& store, const Event& event) {
  Apply(store, event, CanonicalJson(event.data));
}

void Ledger::Apply(ProjectionWriter& store, const Event& event, std::string_view data_text) {
  JsonView view;
  std::string canonical;
  const std::optional<JsonValue> data = ReadData(event, data_text, view, canonical);
  if (!data) throw InvalidEvent(event, "has data that is not JSON");
  ApplyData(store, event, *data);
}

std::int64_t Ledger::Rebuild() {
  const VerifyReport report = Verify();
  std::size_t damaged = 0;
  for (const Problem& problem : report.problems) {
    if (problem.kind != "projection-mismatch") ++damaged;
  }
  if (damaged > 0) {
    throw Error(Code::kIntegrity, "claimledger.ledger.damaged_events",
                std::to_string(damaged) +
                    " problem(s) in the events or snapshots themselves "
                    "(first: " +
                    report.problems.front().kind + " at seq " +
                    std::to_string(report.problems.front().seq) +
                    "); rebuilding the tables from them would only copy the damage. Restore the "
                    "ledger from a copy or a bundle");
  }
  Transaction transaction(*this);
  store_.ClearProjections();
  std::int64_t replayed = 0;
  store_.ScanEvents(1, -1, false, [&](const Event& event, std::string_view data_text) {
    Apply(store_, event, data_text);
    ++replayed;
    return true;
  });
  transaction.Commit();
  return replayed;
}

void Ledger::CopyUpTo(std::int64_t seq, Store& target) {
  ReadScope read(store_);
  target.BeginWrite();
  try {
    store_.ScanEvents(1, seq, true, [&](const Event& event, std::string_view data_text) {
      target.AppendEvent(event, data_text);
      if (event.type == "snapshot.added") {
        const std::string hash = event.data.at("hash").get<std::string>();
        if (auto content = store_.GetContent(hash)) target.PutContent(hash, *content);
      }
      Apply(target, event, data_text);
      return true;
    });
    target.Commit();
  } catch (...) {
    target.Rollback();
    throw;
  }
}

Checkpoint Ledger::Head() {
  ReadScope read(store_);
  const auto head = store_.LastEvent();
  return {identity_, head->seq, head->hash, head->at};
}

namespace {

// Replays events into a kDigests scratch for Verify, keeping what the replay found: the
// problems (in seq order), the events it could not apply, and the SHA-256 that each
// snapshot's event recorded.
class DigestReplay {
 public:
  explicit DigestReplay(ProjectionWriter& digests) : digests_(digests) {}

  void operator()(const Event& event, std::string_view data_text) {
    try {
      const std::optional<JsonValue> data = ReadData(event, data_text, view_, canonical_);
      if (!data) {
        if (StoredEventHash(event, data_text) == event.hash) {  // else a hash-mismatch
          problems.push_back({event.seq, "invalid-event", "the stored data is not JSON"});
        }
        unapplied.insert(event.seq);
      } else {
        ApplyData(digests_, event, *data);
        if (event.type == "snapshot.added") {
          snapshot_sha256[data->StringAt("hash")] = data->StringAt("sha256");
        }
      }
    } catch (const Error& error) {
      unapplied.insert(event.seq);
      problems.push_back(
          {event.seq,
           error.id() == "claimledger.ledger.unknown_event" ? "unknown-event" : "invalid-event",
           error.what()});
    } catch (const std::exception& error) {
      unapplied.insert(event.seq);
      problems.push_back({event.seq, "invalid-event", error.what()});
    }
  }

  std::vector<Problem> problems;
  std::set<std::int64_t> unapplied;
  std::map<std::string, std::string> snapshot_sha256;  // content id -> sha256 from events

 private:
  ProjectionWriter& digests_;
  JsonView view_;          // reused for every event's data
  std::string canonical_;  // data rewritten canonically (only for data that is not)
};

// Checks the chain event by event, for Verify: every hash, every link, no gaps. A check
// of the events after a split point (made with `after_split`, on another thread) cannot
// know what its first event must follow: Join() checks that once the check of the events
// before it is done.
class ChainCheck {
 public:
  ChainCheck(const std::optional<Checkpoint>& against, bool after_split)
      : against_(against), after_split_(after_split) {}

  void operator()(const Event& event, std::string_view data_text) {
    ++events;
    if (!after_split_ || first_) {
      CheckLink(event.seq, event.prev, problems);
    } else {
      first_ = {event.seq, event.prev};  // checked by Join()
    }
    // The hash is over the stored bytes of the data, which are its canonical JSON.
    const std::string recomputed = StoredEventHash(event, data_text);
    if (recomputed != event.hash) {
      Event parsed = event;
      parsed.data = json::parse(data_text, nullptr, false);
      problems.push_back(
          {event.seq, "hash-mismatch",
           parsed.data.is_discarded()
               ? "the stored data is not JSON"
               : "stored hash " + event.hash + " but the event as stored hashes to " + recomputed +
                     (IsRespaced(parsed) ? " (its data is no longer in canonical form)" : "")});
    }
    if (event.seq == 1 && event.type != kGenesisType) {
      problems.push_back({event.seq, "invalid-event", "the first event is not ledger.created"});
    }
    if (against_ && event.seq == against_->seq) checkpoint_hash_seen = event.hash;
    expected_seq_ = event.seq + 1;
    expected_prev_ = event.hash;
  }

  // Appends `later`, the check of the events after the last one this check saw (made with
  // `after_split`), checking the link to its first event now: the result is that of one
  // check of all the events.
  void Join(ChainCheck& later) {
    std::vector<Problem> link;
    if (later.first_) CheckLink(later.first_->seq, later.first_->prev, link);
    if (later.events > 0) {
      expected_seq_ = later.expected_seq_;
      expected_prev_ = later.expected_prev_;
    }
    // The link's problems come first among those of that event, as in one check.
    problems.insert(problems.end(), link.begin(), link.end());
    problems.insert(problems.end(), later.problems.begin(), later.problems.end());
    events += later.events;
    if (later.checkpoint_hash_seen) checkpoint_hash_seen = later.checkpoint_hash_seen;
  }

  std::vector<Problem> problems;  // in the order of seq
  std::int64_t events = 0;
  std::optional<std::string> checkpoint_hash_seen;  // the hash of the checkpoint's event

 private:
  struct Link {
    std::int64_t seq;
    std::string prev;
  };
  void CheckLink(std::int64_t seq, const std::string& prev, std::vector<Problem>& out) const {
    if (seq != expected_seq_) {
      out.push_back({seq, "gap",
                     "expected event " + std::to_string(expected_seq_) + " but found " +
                         std::to_string(seq) + ": events are missing or out of place"});
    }
    if (prev != expected_prev_) {
      out.push_back({seq, "broken-link",
                     "prev is " + prev + " but the event before has hash " + expected_prev_});
    }
  }

  const std::optional<Checkpoint>& against_;
  const bool after_split_;
  std::optional<Link> first_;  // the first event of a check after a split
  std::int64_t expected_seq_ = 1;
  std::string expected_prev_ = GenesisPrev();
};

// The seq of the last event (0 for none).
std::int64_t HeadSeq(Store& store) {
  const auto head = store.LastEvent();
  return head ? head->seq : 0;
}

}  // namespace

VerifyReport Ledger::Verify(const std::optional<Checkpoint>& against) {
  VerifyReport report;
  // Two replays of the projections, made before the read transaction (a SQLite scratch
  // database is attached): digests first, which is cheap; the rows only when a digest
  // differs, to name each row.
  std::unique_ptr<ProjectionWriter> digests = store_.NewScratch(Store::Scratch::kDigests);
  std::unique_ptr<ProjectionWriter> rows = store_.NewScratch(Store::Scratch::kRows);
  ReadScope read(store_);
  // A second reader of the same snapshot, when there can be one, for a second thread.
  const std::unique_ptr<Store> beside = store_.OpenSameSnapshot();

  // 1. The chain (every hash, every link, no gaps) and the replay into the digests, in one
  // reading of the events. For a ledger file, two threads share the work: this one checks
  // and replays the first half of the events, the other the second half into digests of
  // its own, which are merged into these unless that would differ from one replay (then
  // the second half is replayed here too). Then both take the digests of the stored tables
  // piece by piece until none are left.
  ChainCheck chain(against, false);
  DigestReplay replay(*digests);
  const auto check_and_replay = [&](const Event& event, std::string_view data_text) {
    chain(event, data_text);
    replay(event, data_text);
    return true;
  };
  if (beside) {
    const std::int64_t split = HeadSeq(store_) / 2;
    const std::unique_ptr<ProjectionWriter> later_digests = store_.NewLaterDigests(*digests);
    ChainCheck later_chain(against, true);
    DigestReplay later(*later_digests);
    const std::vector<StoredPiece> pieces = store_.StoredPieces();
    std::atomic<std::size_t> next_piece{0};
    const auto digest_pieces = [&](Store& store, ProjectionWriter& into) {
      for (std::size_t piece = next_piece++; piece < pieces.size(); piece = next_piece++) {
        store.DigestStoredPiece(into, pieces[piece]);
      }
    };
    std::future<void> other = std::async(std::launch::async, [&] {
      beside->ScanEvents(split + 1, -1, false, [&](const Event& event, std::string_view data_text) {
        later_chain(event, data_text);
        later(event, data_text);
        return true;
      });
      digest_pieces(*beside, *later_digests);
    });
    try {
      store_.ScanEvents(1, split, false, check_and_replay);
      digest_pieces(store_, *digests);
    } catch (...) {
      next_piece = pieces.size();  // the other thread stops after its current piece
      other.wait();                // it uses what this frame holds
      throw;
    }
    other.get();  // rethrows its error
    chain.Join(later_chain);
    store_.AddStoredDigests(*digests, *later_digests);
    if (later.problems.empty() && later.unapplied.empty() &&
        store_.MergeLaterDigests(*digests, *later_digests)) {
      replay.snapshot_sha256.merge(later.snapshot_sha256);
    } else {
      store_.ScanEvents(split + 1, -1, false, [&](const Event& event, std::string_view data_text) {
        replay(event, data_text);
        return true;
      });
    }
  } else {
    store_.ScanEvents(1, -1, false, check_and_replay);
  }
  report.events = chain.events;
  // Every event's problems together, in the order of seq: the chain's first. Both scans
  // visit the same events in the same order.
  std::merge(chain.problems.begin(), chain.problems.end(), replay.problems.begin(),
             replay.problems.end(), std::back_inserter(report.problems),
             [](const Problem& a, const Problem& b) { return a.seq < b.seq; });
  const auto problem = [&](std::int64_t seq, const char* kind, const std::string& detail) {
    report.problems.push_back({seq, kind, detail});
  };

  // 2. Every snapshot's bytes against its content id and the SHA-256 in its event.
  store_.ScanContents([&](const std::string& hash, std::string_view bytes) {
    const auto recorded = replay.snapshot_sha256.find(hash);
    if (ContentId(bytes) != hash) {
      problem(0, "content-mismatch",
              "the bytes stored for " + hash + " hash to " + ContentId(bytes));
    }
    if (recorded == replay.snapshot_sha256.end()) {
      problem(0, "content-mismatch", "content " + hash + " is stored but no event added it");
      return;
    }
    if (Sha256(bytes) != recorded->second) {
      problem(0, "content-mismatch",
              "the bytes stored for " + hash + " do not match the SHA-256 in the ledger");
    }
    replay.snapshot_sha256.erase(recorded);
  });
  for (const auto& [hash, sha256] : replay.snapshot_sha256) {
    problem(0, "content-mismatch", "the bytes of snapshot " + hash + " are missing");
  }

  // 3. The stored projections against the replay: table digests, then, for tables that
  // differ, row by row (a second replay, into rows).
  std::vector<ProjectionDiff> diffs = store_.DiffProjections(*digests);
  if (!diffs.empty()) {
    store_.ScanEvents(1, -1, false, [&](const Event& event, std::string_view data_text) {
      try {
        Apply(*rows, event, data_text);
      } catch (const std::exception&) {
        // Reported above; any other failure is the scratch database's own.
        if (replay.unapplied.count(event.seq) == 0) throw;
      }
      return true;
    });
    std::vector<ProjectionDiff> named = store_.DiffProjections(*rows);
    for (const ProjectionDiff& table : diffs) {
      if (std::none_of(named.begin(), named.end(),
                       [&](const ProjectionDiff& row) { return row.table == table.table; })) {
        named.push_back(table);  // no row differs by value: one changed its storage type
      }
    }
    diffs = std::move(named);
  }
  for (const ProjectionDiff& diff : diffs) {
    if (diff.key.empty()) {
      problem(0, "projection-mismatch",
              "table " + diff.table +
                  " differs from what the events say, though each row holds the same values "
                  "(a value was stored with another type)");
      continue;
    }
    const char* what = diff.detail == "missing"      ? "is missing from the stored table"
                       : diff.detail == "unexpected" ? "is stored but no event made it"
                                                     : "differs from what the events say";
    problem(0, "projection-mismatch", diff.table + " row " + diff.key + " " + what);
  }

  // 4. The checkpoint: the same ledger, still holding that exact event.
  if (against) {
    if (against->ledger != identity_) {
      problem(against->seq, "checkpoint-mismatch",
              "the checkpoint is of ledger " + against->ledger + ", this ledger is " + identity_);
    } else if (!chain.checkpoint_hash_seen) {
      problem(against->seq, "checkpoint-mismatch",
              "the ledger no longer holds event " + std::to_string(against->seq) +
                  " of the checkpoint: it was truncated");
    } else if (*chain.checkpoint_hash_seen != against->hash) {
      problem(against->seq, "checkpoint-mismatch",
              "event " + std::to_string(against->seq) + " has hash " + *chain.checkpoint_hash_seen +
                  " but the checkpoint recorded " + against->hash + ": the history was rewritten");
    }
  }
  report.ok = report.problems.empty();
  return report;
}

}  // namespace claimledger
