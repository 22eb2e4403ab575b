// Canonical JSON read without a DOM (json_view.h). Parse walks the text once, refusing
// every byte that CanonicalJson would not have written there, and records each value's
// span and the end of its subtree in a flat array of nodes; reads walk those nodes.
#include "codec/json_view.h"

#include <algorithm>
#include <limits>

namespace claimledger {
namespace {

// The value of a lowercase hex digit, -1 for any other byte (CanonicalJson writes
// lowercase \u escapes only).
int LowerHex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Appends the text of string literal `literal` (quotes included) with its escapes undone.
// REQUIRES: JsonView::Parse accepted it.
void Unescape(std::string_view literal, std::string& out) {
  for (std::size_t i = 1; i + 1 < literal.size(); ++i) {
    if (literal[i] != '\\') {
      out.push_back(literal[i]);
      continue;
    }
    switch (literal[++i]) {
      case 'b':
        out.push_back('\b');
        break;
      case 'f':
        out.push_back('\f');
        break;
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'u':
        out.push_back(static_cast<char>(LowerHex(literal[i + 3]) * 16 + LowerHex(literal[i + 4])));
        i += 4;
        break;
      default:  // '"' or '\\'
        out.push_back(literal[i]);
    }
  }
}

}  // namespace

// --- parsing ------------------------------------------------------------------------------

bool JsonView::Parse(std::string_view text) {
  nodes_.clear();
  hint_key_ = 0;  // no key is node 0: no hint
  text_ = text;
  std::size_t at = 0;
  if (text.size() >= std::numeric_limits<std::uint32_t>::max() || !Value(at, 0) ||
      at != text.size()) {
    nodes_.clear();
    return false;
  }
  return true;
}

std::uint32_t JsonView::Add(Kind kind, std::size_t begin) {
  // Filled in place: a Node built aside and copied in costs a stalled 16-byte load.
  Node& node = nodes_.emplace_back();
  node.kind = kind;
  node.begin = node.end = static_cast<std::uint32_t>(begin);
  return static_cast<std::uint32_t>(nodes_.size() - 1);
}

bool JsonView::Value(std::size_t& at, int depth) {
  if (at >= text_.size() || depth > kMaxDepth) return false;
  const std::size_t begin = at;
  std::uint32_t node = 0;
  switch (text_[at]) {
    case 'n':
      return Literal(at, "null", Kind::kNull);
    case 't':
      return Literal(at, "true", Kind::kTrue);
    case 'f':
      return Literal(at, "false", Kind::kFalse);
    case '"': {
      node = Add(Kind::kString, begin);
      bool escaped = false;
      if (!String(at, escaped)) return false;
      nodes_[node].escaped = escaped;
      break;
    }
    case '[': {
      node = Add(Kind::kArray, begin);
      ++at;
      if (at < text_.size() && text_[at] == ']') {
        ++at;
        break;
      }
      while (true) {
        if (!Value(at, depth + 1) || at >= text_.size()) return false;
        if (text_[at] == ']') break;
        if (text_[at++] != ',') return false;
      }
      ++at;
      break;
    }
    case '{': {
      node = Add(Kind::kObject, begin);
      ++at;
      if (at < text_.size() && text_[at] == '}') {
        ++at;
        break;
      }
      std::string previous, current;  // keys with escapes, undone, to compare them
      std::uint32_t last_key = 0;
      while (true) {
        if (at >= text_.size() || text_[at] != '"') return false;
        const std::uint32_t key = Add(Kind::kString, at);
        bool escaped = false;
        if (!String(at, escaped)) return false;
        Node& k = nodes_[key];
        k.escaped = escaped;
        k.end = static_cast<std::uint32_t>(at);
        k.next = key + 1;
        // Keys in strictly increasing bytewise order, as CanonicalJson writes them.
        if (last_key != 0) {
          const Node& p = nodes_[last_key];
          std::string_view a = text_.substr(p.begin + 1, p.end - p.begin - 2);
          std::string_view b = text_.substr(k.begin + 1, k.end - k.begin - 2);
          if (p.escaped || k.escaped) {
            previous.clear();
            current.clear();
            Unescape(text_.substr(p.begin, p.end - p.begin), previous);
            Unescape(text_.substr(k.begin, k.end - k.begin), current);
            a = previous;
            b = current;
          }
          // Most neighbouring keys differ in their first byte, which then decides.
          if (!a.empty() && !b.empty() && a.front() != b.front()) {
            if (static_cast<unsigned char>(a.front()) > static_cast<unsigned char>(b.front())) {
              return false;
            }
          } else if (!(a < b)) {
            return false;
          }
        }
        last_key = key;
        if (at >= text_.size() || text_[at++] != ':') return false;
        if (!Value(at, depth + 1) || at >= text_.size()) return false;
        if (text_[at] == '}') break;
        if (text_[at++] != ',') return false;
      }
      ++at;
      break;
    }
    default:
      node = Add(Kind::kNumber, begin);
      if (!Number(at)) return false;
  }
  Node& n = nodes_[node];
  n.end = static_cast<std::uint32_t>(at);
  n.next = static_cast<std::uint32_t>(nodes_.size());
  return true;
}

bool JsonView::Literal(std::size_t& at, std::string_view word, Kind kind) {
  if (text_.substr(at, word.size()) != word) return false;
  const std::uint32_t node = Add(kind, at);
  at += word.size();
  nodes_[node].end = static_cast<std::uint32_t>(at);
  nodes_[node].next = node + 1;
  return true;
}

// A string as CanonicalJson writes it: no raw control characters, only the escapes
// \" \\ \b \f \n \r \t and \u00xx for the other control characters, valid UTF-8.
bool JsonView::String(std::size_t& at, bool& escaped) {
  // Works on a local copy of `at`: through the reference every step would be a store.
  const std::string_view text = text_;
  const std::size_t size = text.size();
  std::size_t i = at + 1;  // past the opening quote
  while (i < size) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"') {
      at = i + 1;
      return true;
    }
    if (c == '\\') {
      escaped = true;
      if (i + 1 >= size) return false;
      const char e = text[i + 1];
      if (e == '"' || e == '\\' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
        i += 2;
        continue;
      }
      if (e != 'u' || i + 6 > size || text[i + 2] != '0' || text[i + 3] != '0') return false;
      const int high = LowerHex(text[i + 4]), low = LowerHex(text[i + 5]);
      if (high < 0 || high > 1 || low < 0) return false;
      const int code = high * 16 + low;
      if (code == '\b' || code == '\f' || code == '\n' || code == '\r' || code == '\t') {
        return false;  // these have their short escapes
      }
      i += 6;
      continue;
    }
    if (c < 0x20) return false;
    if (c < 0x80) {
      ++i;
      continue;
    }
    // UTF-8: the well-formed sequences of RFC 3629 (no overlong forms, no surrogates).
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xbf;  // the range of the second byte
    if (c >= 0xc2 && c <= 0xdf) {
      length = 2;
    } else if (c == 0xe0) {
      length = 3;
      low = 0xa0;
    } else if ((c >= 0xe1 && c <= 0xec) || c == 0xee || c == 0xef) {
      length = 3;
    } else if (c == 0xed) {
      length = 3;
      high = 0x9f;
    } else if (c == 0xf0) {
      length = 4;
      low = 0x90;
    } else if (c >= 0xf1 && c <= 0xf3) {
      length = 4;
    } else if (c == 0xf4) {
      length = 4;
      high = 0x8f;
    } else {
      return false;
    }
    if (i + length > size) return false;
    const auto second = static_cast<unsigned char>(text[i + 1]);
    if (second < low || second > high) return false;
    for (std::size_t k = 2; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return false;
    }
    i += length;
  }
  return false;
}

// An integer as CanonicalJson writes it: no leading zeros, no "-0", no fraction or
// exponent, and within the integer types JSON is read into (int64, or uint64 if positive).
bool JsonView::Number(std::size_t& at) {
  const std::size_t size = text_.size();
  const bool negative = text_[at] == '-';
  if (negative) ++at;
  const std::size_t first = at;
  while (at < size && text_[at] >= '0' && text_[at] <= '9') ++at;
  const std::string_view digits = text_.substr(first, at - first);
  if (digits.empty() || (digits[0] == '0' && (digits.size() > 1 || negative))) return false;
  const std::string_view limit = negative ? "9223372036854775808" : "18446744073709551615";
  return digits.size() < limit.size() || (digits.size() == limit.size() && digits <= limit);
}

// --- reading ------------------------------------------------------------------------------

bool JsonValue::is_null() const { return view_->nodes_[node_].kind == JsonView::Kind::kNull; }
bool JsonValue::is_string() const { return view_->nodes_[node_].kind == JsonView::Kind::kString; }
bool JsonValue::is_object() const { return view_->nodes_[node_].kind == JsonView::Kind::kObject; }
bool JsonValue::is_array() const { return view_->nodes_[node_].kind == JsonView::Kind::kArray; }
bool JsonValue::is_number() const { return view_->nodes_[node_].kind == JsonView::Kind::kNumber; }

std::string_view JsonValue::text() const {
  const JsonView::Node& n = view_->nodes_[node_];
  return view_->text_.substr(n.begin, n.end - n.begin);
}

void JsonValue::Wrong(const char* expected) const {
  throw JsonFieldError(std::string("expected ") + expected + ", found " +
                       std::string(text().substr(0, 40)));
}

std::optional<JsonValue> JsonValue::Find(std::string_view key) const {
  if (!is_object()) Wrong("an object");
  const auto& nodes = view_->nodes_;
  const char* text = view_->text_.data();
  // Keys are compared by first byte (unsigned, the order of the keys) before whole.
  const int key_first = key.empty() ? -1 : static_cast<unsigned char>(key.front());
  // The keys before the hint are smaller than it: when it is no larger than `key`, none
  // of them is `key`. (A hint is never a key with escapes.)
  std::uint32_t child = node_ + 1;
  if (view_->hint_key_ != 0 && view_->hint_object_ == node_) {
    const JsonView::Node& hint = nodes[view_->hint_key_];
    const std::string_view name(text + hint.begin + 1, hint.end - hint.begin - 2);
    const int first = name.empty() ? -1 : static_cast<unsigned char>(name.front());
    if (first < key_first || (first == key_first && name <= key)) child = view_->hint_key_;
  }
  for (; child < nodes[node_].next; child = nodes[child + 1].next) {
    // A key with escapes holds a character that `key` (a plain name) cannot hold. The
    // others are in increasing order, so the search ends at the first one past `key`.
    const JsonView::Node& k = nodes[child];
    if (k.escaped) continue;
    const char* name = text + k.begin + 1;
    const std::size_t size = k.end - k.begin - 2;
    const int first = size == 0 ? -1 : static_cast<unsigned char>(name[0]);
    if (first > key_first) break;
    if (first == key_first && size == key.size() && std::equal(name, name + size, key.data())) {
      view_->hint_object_ = node_;
      view_->hint_key_ = child;
      return JsonValue(view_, child + 1);
    }
  }
  return std::nullopt;
}

JsonValue JsonValue::At(std::string_view key) const {
  if (auto found = Find(key)) return *found;
  throw JsonFieldError("key \"" + std::string(key) + "\" is missing");
}

void JsonValue::StringInto(std::string& out) const {
  if (!is_string()) Wrong("a string");
  const std::string_view literal = text();
  if (view_->nodes_[node_].escaped) {
    out.clear();
    Unescape(literal, out);
  } else {
    out.assign(literal.substr(1, literal.size() - 2));
  }
}

std::string JsonValue::String() const {
  std::string out;
  StringInto(out);
  return out;
}

std::int64_t JsonValue::Int() const {
  if (view_->nodes_[node_].kind != JsonView::Kind::kNumber) Wrong("an integer");
  const std::string_view digits = text();
  const bool negative = digits[0] == '-';
  std::uint64_t magnitude = 0;
  for (char c : digits.substr(negative ? 1 : 0)) {
    magnitude = magnitude * 10 + static_cast<std::uint64_t>(c - '0');  // in range: see Number
  }
  const auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (!negative && magnitude > max) Wrong("an integer of at most 64 signed bits");
  return negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
}

std::optional<std::string> JsonValue::OptionalString(std::string_view key) const {
  const std::optional<JsonValue> found = Find(key);
  if (!found || found->is_null()) return std::nullopt;
  return found->String();
}

std::vector<JsonValue> JsonValue::Elements() const {
  if (!is_array()) Wrong("an array");
  std::vector<JsonValue> elements;
  const auto& nodes = view_->nodes_;
  for (std::uint32_t child = node_ + 1; child < nodes[node_].next; child = nodes[child].next) {
    elements.push_back(JsonValue(view_, child));
  }
  return elements;
}

std::vector<JsonValue> JsonValue::Values() const {
  if (!is_object()) Wrong("an object");
  std::vector<JsonValue> values;
  const auto& nodes = view_->nodes_;
  for (std::uint32_t key = node_ + 1; key < nodes[node_].next; key = nodes[key + 1].next) {
    values.push_back(JsonValue(view_, key + 1));  // a member's value follows its key
  }
  return values;
}

std::vector<std::string> JsonValue::Strings() const {
  std::vector<std::string> strings;
  for (const JsonValue& element : Elements()) strings.push_back(element.String());
  return strings;
}

}  // namespace claimledger
