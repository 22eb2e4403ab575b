// The projection rules: what each event writes to the tables of current state. They are
// written here only; a store writes the rows it is given (store.h), and verify() replays the
// events through these same rules into digests (replay_digests.h).
//
// - An event that creates an entity puts its row. The entity's id is the first 64 bits of the
//   hash of the event that created it (for a change merged from another desk: of the event
//   there), so an entity has the same id on every desk.
// - A claim's tags and its appearances are written once each: repeats are ignored.
// - A verdict becomes its claim's current verdict when it was made last (its made_at, then
//   its seq), whatever order verdicts arrive in: a merge brings older ones. Likewise a status
//   becomes the claim's when made last (made_at), and a rating the source's reliability.
// - An update of a claim or source that does not exist changes nothing.
// - Each entity an event names gets one event reference (history reads them).
#ifndef CLAIMLEDGER_LEDGER_PROJECTION_H_
#define CLAIMLEDGER_LEDGER_PROJECTION_H_

#include <cstdint>
#include <optional>
#include <string>

#include "claimledger/error.h"
#include "claimledger/model.h"
#include "codec/json_view.h"
#include "store/store.h"

namespace claimledger {

// An event's update of an existing claim or source (a verdict, a status, a reliability
// grade), apart from the rows it writes: verify() may have to apply it after the rest
// (ledger/verify.cpp).
struct Update {
  enum Kind { kVerdict, kStatus, kReliability } kind;
  std::string target;   // the claim or source
  std::string made_at;  // when the change was made (on the desk it was made on)
  std::int64_t seq = 0;
  std::string value;  // the rating, status or grade
};

// Writes the rows of `event`, whose data is `data`, and returns the update it makes, not
// yet applied. Throws Error(kIntegrity) "claimledger.ledger.unknown_event" for a type no
// claimledger writes and "claimledger.ledger.invalid_event" for data that does not fit its
// type; what `writer` throws (a repeated key) passes through.
std::optional<Update> PutRows(ProjectionWriter& writer, const Event& event, const JsonValue& data);

// Applies an update by the rules above.
void ApplyUpdate(ProjectionWriter& writer, const Update& update);

// The whole effect of one event: PutRows, then ApplyUpdate.
void ApplyEvent(ProjectionWriter& writer, const Event& event, const JsonValue& data);
// The same with the data read from event.data (written canonically first when it is not).
void ApplyEvent(ProjectionWriter& writer, const Event& event);

// The Error that says event `event` is invalid, and why.
Error InvalidEvent(const Event& event, const std::string& why);

}  // namespace claimledger

#endif  // CLAIMLEDGER_LEDGER_PROJECTION_H_
