// Date parsing and the ledger's clock. Event times are written by UtcNow(); dates that
// users give (published, retrieved, as-of times) pass through NormaliseDate().
#include "codec/dates.h"

#include <chrono>
#include <ctime>

namespace claimledger {
namespace {

bool ReadDigits(std::string_view text, std::size_t pos, std::size_t count, int* out) {
  if (pos + count > text.size()) return false;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  *out = value;
  return true;
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date.
long long DaysFromCivil(int year, int month, int day) {
  year -= month <= 2;
  const long long era = (year >= 0 ? year : year - 399) / 400;
  const long long year_of_era = year - era * 400;
  const long long day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const long long day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

// Writes `value` (not negative) as its last `width` decimal digits at `out`.
void PutDigits(char* out, long long value, int width) {
  for (int i = width - 1; i >= 0; --i, value /= 10) out[i] = static_cast<char>('0' + value % 10);
}

// "YYYY-MM-DDThh:mm:ss.uuuuuuZ" of a time in years 0-9999. Every event's time is written so:
// the digits are put in place rather than printed with a format (bench/README.md, "LIAR's
// Python side").
std::string FormatUtc(long long seconds, long long micros) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm parts{};
  gmtime_r(&t, &parts);
  std::string text = "0000-00-00T00:00:00.000000Z";
  PutDigits(&text[0], parts.tm_year + 1900, 4);
  PutDigits(&text[5], parts.tm_mon + 1, 2);
  PutDigits(&text[8], parts.tm_mday, 2);
  PutDigits(&text[11], parts.tm_hour, 2);
  PutDigits(&text[14], parts.tm_min, 2);
  PutDigits(&text[17], parts.tm_sec, 2);
  PutDigits(&text[20], micros, 6);
  return text;
}

}  // namespace

std::string UtcNow() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const long long micros = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
  return FormatUtc(micros / 1000000, micros % 1000000);
}

std::optional<std::string> NormaliseDate(std::string_view text) {
  int year, month, day;
  if (!ReadDigits(text, 0, 4, &year) || text.size() < 10 || text[4] != '-' ||
      !ReadDigits(text, 5, 2, &month) || text[7] != '-' || !ReadDigits(text, 8, 2, &day)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
  if (text.size() == 10) return std::string(text);

  int hour, minute, second;
  if ((text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !ReadDigits(text, 11, 2, &hour) ||
      text.size() < 19 || text[13] != ':' || !ReadDigits(text, 14, 2, &minute) || text[16] != ':' ||
      !ReadDigits(text, 17, 2, &second)) {
    return std::nullopt;
  }
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
  std::size_t pos = 19;
  long long micros = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    long long scale = 100000;
    const std::size_t first = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      micros += (text[pos] - '0') * scale;  // digits past the sixth are dropped
      scale /= 10;
      ++pos;
    }
    if (pos == first) return std::nullopt;
  }
  long long offset_seconds = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int offset_hours, offset_minutes;
    if (!ReadDigits(text, pos + 1, 2, &offset_hours) || pos + 3 >= text.size() ||
        text[pos + 3] != ':' || !ReadDigits(text, pos + 4, 2, &offset_minutes) ||
        offset_hours > 23 || offset_minutes > 59) {
      return std::nullopt;
    }
    offset_seconds = (offset_hours * 3600 + offset_minutes * 60) * (text[pos] == '+' ? 1 : -1);
    pos += 6;
  } else {
    return std::nullopt;  // RFC 3339 requires a zone
  }
  if (pos != text.size()) return std::nullopt;
  const long long seconds = DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 +
                            (second == 60 ? 59 : second) - offset_seconds;
  // An offset may carry the first or last hours of years 0000-9999 out of them, into a year
  // that four digits cannot write.
  if (seconds < DaysFromCivil(0, 1, 1) * 86400 || seconds >= DaysFromCivil(10000, 1, 1) * 86400) {
    return std::nullopt;
  }
  return FormatUtc(seconds, micros);
}

}  // namespace claimledger
