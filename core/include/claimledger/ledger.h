// The ledger: the append-only, hash-chained log of events that is the truth of a desk.
//
// Each event is {seq, prev, type, at, actor, data}; its hash is the SHA-256 of the
// canonical JSON of those six fields, and the next event's `prev` is that hash. Appending
// an event also applies it to the projections (the tables of current state) in the same
// transaction. Verify() recomputes every hash and link, re-hashes every snapshot's bytes
// and compares the projections with a fresh replay of the events.
#ifndef CLAIMLEDGER_LEDGER_H_
#define CLAIMLEDGER_LEDGER_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimledger/model.h"
#include "claimledger/scale.h"
#include "claimledger/store.h"

namespace claimledger {

// The canonical JSON of an event's six hashed fields (everything but `hash`).
std::string CanonicalEventText(const Event& event);
// The same around `data_text`, the canonical JSON of event.data already written.
std::string CanonicalEventText(const Event& event, std::string_view data_text);
// "sha256:…" of CanonicalEventText(event).
std::string EventHash(const Event& event);
// The id of the entity that an event created: prefix + "_" + 16 hex digits of its hash.
std::string EntityId(const std::string& prefix, const std::string& event_hash);

// One problem found by Verify(). `seq` is 0 when the problem is not tied to one event.
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

class Ledger {
 public:
  // A write transaction: takes the write lock, reads the head once, and rolls back on
  // destruction unless committed. Appends go through it.
  class Transaction {
   public:
    explicit Transaction(Ledger& ledger);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    // Appends one event and applies it to the projections. Returns the event with its
    // seq, prev, at and hash filled in. Throws Error(kInvalidInput) when `data` is not
    // canonical-JSON-able (floats, invalid UTF-8).
    Event Append(const std::string& type, const std::string& actor, nlohmann::json data);
    void Commit();

   private:
    Ledger& ledger_;
    std::int64_t seq_ = 0;
    std::string hash_;
    std::string at_;
    bool done_ = false;
  };

  // Opens the ledger over `store`. A ledger with no events gets its genesis event,
  // recording `scale` (a new ledger's rating scale) and a random nonce; an existing
  // ledger keeps the scale it was created with.
  Ledger(Store& store, const RatingScale& scale, const std::string& actor);

  Store& store() { return store_; }
  const RatingScale& scale() const { return scale_; }
  // The ledger's identity: the hash of its genesis event.
  const std::string& identity() const { return identity_; }

  // Applies one event to the projections in `store`. Throws Error(kIntegrity) for an
  // unknown event type or data that does not fit the type.
  static void Apply(ProjectionWriter& store, const Event& event);
  // The same with the event's data read from `data_text` (event.data is not looked at):
  // fastest when it is canonical JSON, as stored; other JSON is written canonically first.
  static void Apply(ProjectionWriter& store, const Event& event, std::string_view data_text);

  // REQUIRES: no transaction open. Reads in one transaction.
  VerifyReport Verify(const std::optional<Checkpoint>& against = std::nullopt);

  // Regenerates every projection table from the events, in one transaction. Throws
  // Error(kIntegrity) and changes nothing when the events themselves fail verification
  // (a rebuild would only copy the damage). Returns the number of events replayed.
  std::int64_t Rebuild();

  // Copies the events with seq <= `seq` (and the snapshots they add) into `target`, an
  // empty store, applying each to its projections: the desk as it was after event `seq`.
  void CopyUpTo(std::int64_t seq, Store& target);
  Checkpoint Head();

 private:
  Store& store_;
  RatingScale scale_;
  std::string identity_;
};

}  // namespace claimledger

#endif  // CLAIMLEDGER_LEDGER_H_
