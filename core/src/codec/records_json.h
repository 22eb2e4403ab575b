// The JSON of the records that travel inside events: quotes and quantities (decimal values as
// strings, canonical_json.h). Writing goes through a CanonicalWriter (the nlohmann values are
// read back from its text); reading takes a JsonView of canonical text (json_view.h), which is
// how the ledger reads every event.
#ifndef CLAIMLEDGER_CODEC_RECORDS_JSON_H_
#define CLAIMLEDGER_CODEC_RECORDS_JSON_H_

#include <nlohmann/json.hpp>

#include "claimledger/anchor.h"
#include "claimledger/quantities.h"
#include "codec/canonical_json.h"
#include "codec/json_view.h"

namespace claimledger {

// Writes `quote` as the next value of `writer`.
void WriteQuote(CanonicalWriter& writer, const Quote& quote);
nlohmann::json QuoteToJson(const Quote& quote);
// Throws JsonFieldError when a field is missing or of another type.
Quote QuoteFromJson(const JsonValue& json);

void WriteQuantity(CanonicalWriter& writer, const Quantity& quantity);
nlohmann::json QuantityToJson(const Quantity& quantity);
// Throws JsonFieldError when a field is missing or of another type.
Quantity QuantityFromJson(const JsonValue& json);
// Throws what QuantityFromJson throws, without building the quantity (a replay only checks
// the quantities of a claim.added event: they stay in the event).
void CheckQuantityJson(const JsonValue& json);

}  // namespace claimledger

#endif  // CLAIMLEDGER_CODEC_RECORDS_JSON_H_
