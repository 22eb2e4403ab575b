// The ledger: the append-only, hash-chained log of events that is the truth of a desk.
//
// Each event is {seq, prev, type, at, actor, data} with its hash (chain.h). Appending an event
// also applies it to the tables of current state (projection.h) in the same transaction.
// Verify() recomputes every hash and link, re-hashes every snapshot's bytes and compares the
// tables with a fresh replay of the events (verify.h). The ledger reaches storage only
// through the Store interface.
#ifndef CLAIMLEDGER_LEDGER_LEDGER_H_
#define CLAIMLEDGER_LEDGER_LEDGER_H_

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "claimledger/model.h"
#include "claimledger/scale.h"
#include "codec/events.h"
#include "ledger/merkle_log.h"
#include "ledger/verify.h"
#include "store/store.h"

namespace claimledger {

class Ledger {
 public:
  // A write transaction: takes the write lock, reads the head once (before the first append),
  // and rolls back on destruction unless committed. Appends go through it.
  class Transaction {
   public:
    explicit Transaction(Ledger& ledger);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    // Appends one event with `data` and applies it to the tables of current state. Returns
    // the event with its seq, prev, at and hash filled in. Throws Error(kInvalidInput) when
    // `data` is not canonical-JSON-able (floats, invalid UTF-8).
    Event Append(EventType type, const std::string& actor, const nlohmann::json& data);
    // The same for the data of one type (codec/events.h), written by CanonicalData.
    template <typename Data>
    Event Append(const std::string& actor, const Data& data) {
      return AppendCanonical(Data::kType, actor, CanonicalData(data));
    }
    void Commit();

   private:
    // Appends an event whose data is `data`, canonical JSON already.
    Event AppendCanonical(EventType type, const std::string& actor, std::string data);
    // Reads the head the first event follows: when it is appended, so that a store may send
    // its lock with the transaction's first read instead of a round trip of its own.
    void ReadHead();

    Ledger& ledger_;
    TreeAppender tree_;
    std::int64_t seq_ = 0;
    std::string hash_;
    std::string at_;
    bool head_read_ = false;
    bool done_ = false;
  };

  // Opens the ledger over `store`. A ledger with no events gets its genesis event, recording
  // `scale` (a new ledger's rating scale) and a random nonce; an existing ledger keeps the
  // scale it was created with.
  // `origin` is recorded in a new ledger's genesis event; for an existing ledger it must be
  // nothing or the one it has (Error(kInvalidInput) "claimledger.origin.fixed" otherwise).
  Ledger(Store& store, const RatingScale& scale, const std::string& actor,
         const std::optional<std::string>& origin = std::nullopt);

  Store& store() { return store_; }
  const RatingScale& scale() const { return scale_; }
  // The ledger's identity: the hash of its genesis event.
  const std::string& identity() const { return identity_; }
  // The origin line of the checkpoints this desk signs (see LedgerCreated::origin).
  const std::string& origin() const { return origin_; }

  // REQUIRES: no transaction open. Reads in one transaction (verify.h).
  VerifyReport Verify(const std::optional<Checkpoint>& against = std::nullopt,
                      bool search_indexes = true,
                      const std::optional<TreeHead>& against_tree = std::nullopt);

  // Regenerates every table of current state, every search index and the Merkle tree from
  // the events, in one transaction. Throws Error(kIntegrity) and changes nothing when the events
  // themselves fail verification (a rebuild would only copy the damage). Returns the events
  // replayed.
  std::int64_t Rebuild();

  // Copies the events with seq <= `seq` (and the snapshots they add) into `target`, an empty
  // store, applying each to its tables: the desk as it was after event `seq`.
  void CopyUpTo(std::int64_t seq, Store& target);
  Checkpoint Head();

  // Replaces the history of this NEW ledger (nothing but its own first event) with another
  // chain, in one transaction: `next` fills in each event (checked already: hashes, links)
  // and the bytes of the snapshot it adds, and returns false after the last. The events are
  // stored as they are and applied; this ledger takes the other's identity and scale. Throws
  // Error(kInvalidInput) "claimledger.bundle.not_empty" when this ledger has history.
  Checkpoint ReplaceHistory(
      const std::function<bool(Event* event, std::optional<std::string>* content)>& next);

 private:
  // Reads the scale and identity from the genesis event. REQUIRES: in a transaction.
  void ReadGenesis();

  Store& store_;
  RatingScale scale_;
  std::string identity_;
  std::string origin_;
};

// Calls `visit(event, content)` for every event with from <= seq <= to (to < 0: to the end),
// with the bytes of the snapshot that a snapshot.added event adds (nothing for other events);
// stops when `visit` returns false. REQUIRES: `store` in a transaction.
void ScanEventsWithContents(
    Store& store, std::int64_t from, std::int64_t to,
    const std::function<bool(const Event& event, const std::optional<std::string>& content)>&
        visit);

}  // namespace claimledger

#endif  // CLAIMLEDGER_LEDGER_LEDGER_H_
