// PostgreSQL locations (location.h).
#include "store/postgres/location.h"

#include <libpq-fe.h>

#include <cctype>
#include <memory>
#include <vector>

#include "claimledger/error.h"
#include "claimledger/hash.h"

namespace claimledger {
namespace {

constexpr std::string_view kSchemes[] = {"postgresql://", "postgres://"};

std::string PercentDecoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && HexDigitValue(text[i + 1]) >= 0 &&
        HexDigitValue(text[i + 2]) >= 0) {
      out.push_back(
          static_cast<char>(HexDigitValue(text[i + 1]) * 16 + HexDigitValue(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

bool IsDeskName(std::string_view name) {
  if (name.empty() || name.size() > 48 || !(name[0] >= 'a' && name[0] <= 'z')) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

Error BadUrl(const std::string& why) {
  return Error(Code::kInvalidInput, "claimledger.store.bad_url",
               why +
                   "; a desk on a server is named by a URL such as "
                   "postgresql://user@host:5432/database?desk=korea");
}

}  // namespace

bool IsPostgresLocation(std::string_view location) {
  for (std::string_view scheme : kSchemes) {
    if (location.substr(0, scheme.size()) == scheme) return true;
  }
  return false;
}

std::string WithoutPassword(std::string text, const std::string& password) {
  if (password.empty()) return text;
  for (const std::string& form : {password, PercentDecoded(password)}) {
    if (form.empty()) continue;
    for (std::size_t at; (at = text.find(form)) != std::string::npos;) {
      text.replace(at, form.size(), "***");
    }
  }
  return text;
}

PostgresLocation ParsePostgresLocation(const std::string& location) {
  PostgresLocation parsed;
  std::string_view rest = location;
  for (std::string_view scheme : kSchemes) {
    if (rest.substr(0, scheme.size()) == scheme) rest.remove_prefix(scheme.size());
  }
  // The password of the URL's user part, to keep it out of every message.
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?"));
  const std::size_t at = authority.rfind('@');
  parsed.shown = location;
  if (at != std::string_view::npos) {
    const std::string_view user_part = authority.substr(0, at);
    const std::size_t colon = user_part.find(':');
    if (colon != std::string_view::npos) {
      parsed.password = std::string(user_part.substr(colon + 1));
      const std::size_t from = location.size() - rest.size() + colon + 1;
      parsed.shown =
          location.substr(0, from) + "***" + location.substr(from + parsed.password.size());
    }
  }
  // claimledger's own parameter out of the query; the others go to libpq.
  std::string conninfo(location.substr(0, location.size() - rest.size()));
  const std::size_t query_at = rest.find('?');
  conninfo += std::string(rest.substr(0, query_at));
  parsed.desk = "main";
  if (query_at != std::string_view::npos) {
    std::string kept;
    std::string_view query = rest.substr(query_at + 1);
    while (!query.empty()) {
      const std::size_t amp = query.find('&');
      const std::string_view pair = query.substr(0, amp);
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
      if (pair.substr(0, 5) == "desk=") {
        parsed.desk = PercentDecoded(pair.substr(5));
      } else if (pair.substr(0, 9) == "password=") {
        parsed.password = std::string(pair.substr(9));
        kept += (kept.empty() ? "" : "&") + std::string(pair);
        const std::size_t from = parsed.shown.find("password=" + parsed.password);
        if (from != std::string::npos)
          parsed.shown.replace(from + 9, parsed.password.size(), "***");
      } else if (!pair.empty()) {
        kept += (kept.empty() ? "" : "&") + std::string(pair);
      }
    }
    if (!kept.empty()) conninfo += "?" + kept;
  }
  if (!IsDeskName(parsed.desk)) {
    throw BadUrl("the desk name \"" + WithoutPassword(parsed.desk, parsed.password) +
                 "\" is not 1 to 48 lower-case letters, digits or underscores starting with a "
                 "letter");
  }
  parsed.schema = "claimledger_" + parsed.desk;
  parsed.conninfo = conninfo;

  char* message = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &message);
  if (!options) {
    std::string why = message ? message : "libpq cannot read it";
    PQfreemem(message);
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    throw BadUrl("not a PostgreSQL URL libpq can read (" + WithoutPassword(why, parsed.password) +
                 ")");
  }
  std::string host, port, database, user;
  for (PQconninfoOption* option = options; option->keyword; ++option) {
    if (!option->val) continue;
    const std::string keyword = option->keyword;
    if (keyword == "host" || (keyword == "hostaddr" && host.empty())) host = option->val;
    if (keyword == "port") port = option->val;
    if (keyword == "dbname") database = option->val;
    if (keyword == "user") user = option->val;
  }
  PQconninfoFree(options);
  parsed.server = (user.empty() ? "" : user + "@") + (host.empty() ? "localhost" : host) +
                  (port.empty() ? "" : ":" + port) + "/" + (database.empty() ? user : database);
  parsed.server = WithoutPassword(parsed.server, parsed.password);
  return parsed;
}

}  // namespace claimledger
