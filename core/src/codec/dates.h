// Dates and times as the ledger writes them: RFC 3339 UTC with microseconds for event
// times ("2026-11-28T14:52:01.123456Z") and ISO 8601 calendar dates for documents.
#ifndef CLAIMLEDGER_CODEC_DATES_H_
#define CLAIMLEDGER_CODEC_DATES_H_

#include <optional>
#include <string>
#include <string_view>

namespace claimledger {

// The current UTC time, "YYYY-MM-DDTHH:MM:SS.ffffffZ".
std::string UtcNow();

// Checks a document date and returns its normal form, or nothing when it does not parse.
// Accepted: "YYYY-MM-DD" (kept as is) and RFC 3339 date-times such as
// "2024-10-21T08:15:00Z" or "2024-10-21T10:15:00.5+02:00" (converted to UTC with
// microseconds). Calendar checked: "2024-02-30" is refused.
std::optional<std::string> NormaliseDate(std::string_view text);

}  // namespace claimledger

#endif  // CLAIMLEDGER_CODEC_DATES_H_
