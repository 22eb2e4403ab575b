// The chain: how an event is hashed and linked to the one before, the ids derived from event
// hashes, and the check of a run of events that verify() and bundle import share.
//
// An event is {seq, prev, type, at, actor, data}; its hash is the SHA-256 of the canonical
// JSON of those six fields (event.data is already canonical JSON text), and the next event's
// `prev` is that hash. The first event's prev is GenesisPrev() (hash.h).
#ifndef CLAIMLEDGER_LEDGER_CHAIN_H_
#define CLAIMLEDGER_LEDGER_CHAIN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "claimledger/hash.h"
#include "claimledger/model.h"
#include "codec/canonical_json.h"

namespace claimledger {

// "sha256:…" of CanonicalEventText(event) (codec/canonical_json.h). Throws Error(kInvalidInput)
// when a field is not UTF-8.
std::string EventHash(const Event& event);
// The id of the entity that an event created: prefix + "_" + 16 hex digits of its hash.
std::string EntityId(const std::string& prefix, const std::string& event_hash);

// Checks events one by one, in order of seq: every hash, every link, no gaps, a genesis
// event first. Problems are kept, not thrown. A check of the events after a split point
// (made with `after_split`, on another thread) cannot know what its first event must follow:
// Join() checks that once the check of the events before it is done.
class ChainCheck {
 public:
  // `against`: a checkpoint whose event's hash is looked for (checkpoint_hash_seen).
  ChainCheck(std::optional<Checkpoint> against, bool after_split)
      : against_(std::move(against)), after_split_(after_split) {}

  void operator()(const Event& event);
  // The same when the event's canonical text is known already (`text`, or nothing when its
  // fields cannot be written canonically).
  void Check(const Event& event, const std::string* text);

  // Appends `later`, the check of the events after the last one this check saw (made with
  // `after_split`), checking the link to its first event now: the result is that of one check
  // of all the events.
  void Join(ChainCheck& later);

  std::vector<Problem> problems;  // in the order of seq
  std::int64_t events = 0;
  std::optional<std::string> checkpoint_hash_seen;  // the hash of the checkpoint's event

 private:
  struct Link {
    std::int64_t seq;
    std::string prev;
  };
  void CheckLink(std::int64_t seq, const std::string& prev, std::vector<Problem>& out) const;

  const std::optional<Checkpoint> against_;
  const bool after_split_;
  std::optional<Link> first_;  // the first event of a check after a split
  std::int64_t expected_seq_ = 1;
  std::string expected_prev_ = GenesisPrev();
};

}  // namespace claimledger

#endif  // CLAIMLEDGER_LEDGER_CHAIN_H_
