// The chain (chain.h).
#include "ledger/chain.h"

#include "claimledger/error.h"
#include "claimledger/hash.h"
#include "codec/canonical_json.h"
#include "codec/events.h"

namespace claimledger {
namespace {

// The hash of `event` as stored; a text saying why when it cannot be computed.
std::string StoredEventHash(const Event& event) {
  try {
    return EventHash(event);
  } catch (const Error& error) {
    return std::string("(cannot be computed: ") + error.what() + ")";
  }
}

// True when `event` hashes to its stored hash once its data is written canonically: only the
// formatting of the stored data changed.
bool IsRespaced(const Event& event) {
  const nlohmann::json data = nlohmann::json::parse(event.data, nullptr, false);
  if (data.is_discarded()) return false;
  try {
    Event respaced = event;
    respaced.data = CanonicalJson(data);
    return EventHash(respaced) == event.hash;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace

std::string EventHash(const Event& event) { return Sha256(CanonicalEventText(event)); }

std::string EntityId(const std::string& prefix, const std::string& event_hash) {
  return prefix + "_" + event_hash.substr(kSha256Prefix.size(), 16);
}

void ChainCheck::operator()(const Event& event) {
  std::optional<std::string> text;
  try {
    text = CanonicalEventText(event);
  } catch (const Error&) {
  }
  Check(event, text ? &*text : nullptr);
}

void ChainCheck::Check(const Event& event, const std::string* text) {
  ++events;
  if (!after_split_ || first_) {
    CheckLink(event.seq, event.prev, problems);
  } else {
    first_ = Link{event.seq, event.prev};  // checked by Join()
  }
  // The hash is over the stored bytes of the data, which are its canonical JSON.
  const std::string recomputed = text ? Sha256(*text) : StoredEventHash(event);
  if (recomputed != event.hash) {
    const bool json = !nlohmann::json::parse(event.data, nullptr, false).is_discarded();
    problems.push_back(
        {event.seq, "hash-mismatch",
         !json ? "the stored data is not JSON"
               : "stored hash " + event.hash + " but the event as stored hashes to " + recomputed +
                     (IsRespaced(event) ? " (its data is no longer in canonical form)" : "")});
  }
  if (event.seq == 1 && event.type != EventTypeName(EventType::kLedgerCreated)) {
    problems.push_back({event.seq, "invalid-event", "the first event is not ledger.created"});
  }
  if (against_ && event.seq == against_->seq) checkpoint_hash_seen = event.hash;
  expected_seq_ = event.seq + 1;
  expected_prev_ = event.hash;
}

void ChainCheck::Join(ChainCheck& later) {
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

void ChainCheck::CheckLink(std::int64_t seq, const std::string& prev,
                           std::vector<Problem>& out) const {
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

}  // namespace claimledger
