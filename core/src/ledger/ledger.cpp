// The ledger (ledger.h): appending, the genesis event, rebuilding, copying and replacing.
#include "ledger/ledger.h"

#include <algorithm>

#include "claimledger/error.h"
#include "claimledger/hash.h"
#include "codec/canonical_json.h"
#include "codec/dates.h"
#include "ledger/chain.h"
#include "ledger/projection.h"
#include "ledger/verify.h"

namespace claimledger {
namespace {

constexpr std::int64_t kLedgerFormat = 1;

}  // namespace

// --- Transaction ----------------------------------------------------------------------------

Ledger::Transaction::Transaction(Ledger& ledger) : ledger_(ledger), tree_(ledger.store_) {
  ledger_.store_.BeginWrite();
}

void Ledger::Transaction::ReadHead() {
  if (const auto head = ledger_.store_.LastEvent()) {
    seq_ = head->seq;
    hash_ = head->hash;
    at_ = head->at;
  } else {
    hash_ = GenesisPrev();
  }
  head_read_ = true;
}

Ledger::Transaction::~Transaction() {
  if (!done_) ledger_.store_.Rollback();
}

Event Ledger::Transaction::Append(EventType type, const std::string& actor,
                                  const nlohmann::json& data) {
  return AppendCanonical(type, actor, CanonicalJson(data));
}

Event Ledger::Transaction::AppendCanonical(EventType type, const std::string& actor,
                                           std::string data) {
  if (!head_read_) ReadHead();
  Event event;
  event.seq = seq_ + 1;
  event.prev = hash_;
  event.type = std::string(EventTypeName(type));
  // Event times never go backwards, even when the system clock does.
  event.at = std::max(UtcNow(), at_);
  event.actor = actor;
  event.data = std::move(data);  // serialised once: for the hash and the stored row
  const std::string text = CanonicalEventText(event);  // the hashed bytes and the tree's leaf
  event.hash = Sha256(text);
  ledger_.store_.AppendEvent(event);
  tree_.Add(event.seq, text);
  JsonView view;
  view.Parse(event.data);  // canonical text always parses
  ApplyEvent(ledger_.store_, event, view.root());
  seq_ = event.seq;
  hash_ = event.hash;
  at_ = event.at;
  return event;
}

void Ledger::Transaction::Commit() {
  ledger_.store_.Commit();
  done_ = true;
}

// --- Ledger ---------------------------------------------------------------------------------

Ledger::Ledger(Store& store, const RatingScale& scale, const std::string& actor,
               const std::optional<std::string>& origin)
    : store_(store), scale_(scale) {
  bool empty;
  {
    ReadScope read(store_);
    empty = !store_.EventAt(1);
  }
  if (empty) {
    Transaction transaction(*this);
    if (!store_.EventAt(1)) {  // another process may have created it meanwhile
      LedgerCreated created;
      created.version = kLedgerFormat;
      created.scale = scale.ToJson();
      created.nonce = RandomHex(16);
      created.origin = origin;
      transaction.Append(actor, created);
    }
    transaction.Commit();
  }
  ReadScope read(store_);
  ReadGenesis();
  if (origin && *origin != origin_) {
    throw Error(Code::kInvalidInput, "claimledger.origin.fixed",
                "this desk's origin is \"" + origin_ +
                    "\", fixed when it was created; it cannot "
                    "become \"" +
                    *origin + "\" (open it without an origin)");
  }
}

void Ledger::ReadGenesis() {
  const std::optional<Event> genesis = store_.EventAt(1);
  const auto no_genesis = [] {
    return Error(Code::kIntegrity, "claimledger.ledger.no_genesis",
                 "the first event of this ledger is not a ledger.created event");
  };
  if (!genesis || genesis->type != EventTypeName(EventType::kLedgerCreated)) throw no_genesis();
  std::optional<std::string> origin;
  try {
    JsonView view;
    std::string canonical;
    const LedgerCreated created = ReadLedgerCreated(ParseCanonical(genesis->data, view, canonical));
    scale_ = RatingScale::FromJson(created.scale);
    origin = created.origin;
  } catch (const JsonFieldError&) {
    throw no_genesis();
  }
  identity_ = genesis->hash;
  origin_ = origin ? *origin : "claimledger/" + identity_.substr(kSha256Prefix.size(), 32);
}

VerifyReport Ledger::Verify(const std::optional<Checkpoint>& against, bool search_indexes,
                            const std::optional<TreeHead>& against_tree) {
  return VerifyLedger(store_, identity_, against, search_indexes, against_tree);
}

std::int64_t Ledger::Rebuild() {
  const VerifyReport report = Verify();
  // Derived data (the tables, the indexes, the tree) is what a rebuild regenerates.
  const auto derived = [](const Problem& p) {
    return p.kind == "projection-mismatch" || p.kind == "tree-mismatch";
  };
  const auto damaged = std::count_if(report.problems.begin(), report.problems.end(),
                                     [&](const Problem& p) { return !derived(p); });
  if (damaged > 0) {
    const Problem& first = *std::find_if(report.problems.begin(), report.problems.end(),
                                         [&](const Problem& p) { return !derived(p); });
    throw Error(Code::kIntegrity, "claimledger.ledger.damaged_events",
                std::to_string(damaged) + " problem(s) in the events or snapshots themselves " +
                    "(first: " + first.kind + " at seq " + std::to_string(first.seq) +
                    "); rebuilding the tables from them would only copy the damage. Restore the "
                    "ledger from a copy or a bundle");
  }
  Transaction transaction(*this);
  store_.ClearProjections();
  RebuildTree(store_);
  std::int64_t replayed = 0;
  store_.ScanEvents(1, -1, [&](const Event& event) {
    ApplyEvent(store_, event);
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
    TreeAppender tree(target);
    ScanEventsWithContents(store_, 1, seq,
                           [&](const Event& event, const std::optional<std::string>& content) {
                             target.AppendEvent(event);
                             tree.Add(event.seq, CanonicalEventText(event));
                             if (content) {
                               JsonView view;
                               view.Parse(event.data);
                               target.PutContent(ReadSnapshotAdded(view.root()).hash, *content);
                             }
                             ApplyEvent(target, event);
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

Checkpoint Ledger::ReplaceHistory(
    const std::function<bool(Event* event, std::optional<std::string>* content)>& next) {
  Transaction transaction(*this);
  const std::int64_t events = store_.EventCount();
  if (events != 1) {
    throw Error(Code::kInvalidInput, "claimledger.bundle.not_empty",
                "import_bundle needs a new ledger holding only its first event; this one has " +
                    std::to_string(events) + " events (to combine two desks, merge them instead)");
  }
  store_.ClearLedger();
  TreeAppender tree(store_);
  Event event;
  std::optional<std::string> content;
  while (next(&event, &content)) {
    if (content) {
      JsonView view;
      std::string canonical;
      store_.PutContent(ReadSnapshotAdded(ParseCanonical(event.data, view, canonical)).hash,
                        *content);
    }
    store_.AppendEvent(event);
    tree.Add(event.seq, CanonicalEventText(event));
    ApplyEvent(store_, event);
  }
  ReadGenesis();
  transaction.Commit();
  return Head();
}

void ScanEventsWithContents(
    Store& store, std::int64_t from, std::int64_t to,
    const std::function<bool(const Event&, const std::optional<std::string>&)>& visit) {
  const std::string snapshot_added(EventTypeName(EventType::kSnapshotAdded));
  JsonView view;
  std::string canonical;
  std::optional<std::string> content;
  store.ScanEvents(from, to, [&](const Event& event) {
    content.reset();
    if (event.type == snapshot_added) {
      content =
          store.GetContent(ReadSnapshotAdded(ParseCanonical(event.data, view, canonical)).hash);
    }
    return visit(event, content);
  });
}

}  // namespace claimledger
