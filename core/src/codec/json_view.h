// Reading canonical JSON (codec.h) without building a DOM: the text is checked and
// indexed in one pass, and values are read straight from it. Replaying events (apply and
// verify) reads every event's data this way.
//
// JsonView::Parse accepts exactly the texts that CanonicalJson can write (keys sorted
// bytewise, no white space, integers only, strings escaped as CanonicalJson escapes them,
// valid UTF-8) up to kMaxDepth levels of nesting, and refuses any other bytes; it never
// reads outside the text. For any other JSON, write it with CanonicalJson first.
#ifndef CLAIMLEDGER_CODEC_JSON_VIEW_H_
#define CLAIMLEDGER_CODEC_JSON_VIEW_H_

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace claimledger {

// A value that is missing or of another type than the reader asked for. The message
// names the key or says what was expected.
class JsonFieldError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class JsonView;

// One value inside a parsed JsonView (valid while the view and its text are unchanged).
class JsonValue {
 public:
  bool is_null() const;
  bool is_string() const;
  bool is_object() const;
  bool is_array() const;
  bool is_number() const;  // an integer (the only numbers canonical JSON holds)

  // The canonical text of this value.
  std::string_view text() const;

  // The value of `key` in this object; nothing when the key is absent. Throws
  // JsonFieldError when this is not an object. Keys of one object looked up in increasing
  // order (the order canonical JSON writes them) are found from the last one found on,
  // instead of from the first.
  std::optional<JsonValue> Find(std::string_view key) const;
  // The value of `key`; throws JsonFieldError when it is absent or this is not an object.
  JsonValue At(std::string_view key) const;

  // The text of a string (escapes undone); throws JsonFieldError for any other type.
  std::string String() const;
  // The same without a copy when the string holds no escapes (the common case).
  // Throws JsonFieldError for any other type.
  void StringInto(std::string& out) const;
  // An integer that fits in 64 signed bits; throws JsonFieldError otherwise.
  std::int64_t Int() const;

  // Member `key` as an optional string: absent or null gives nothing; a string its text;
  // anything else throws JsonFieldError.
  std::optional<std::string> OptionalString(std::string_view key) const;
  // Member `key` as a string; throws JsonFieldError when absent or not a string.
  std::string StringAt(std::string_view key) const { return At(key).String(); }

  // The elements of an array, in order; throws JsonFieldError for any other type.
  std::vector<JsonValue> Elements() const;
  // An array of strings; throws JsonFieldError for any other value.
  std::vector<std::string> Strings() const;
  // The values of an object's members, in the order of their keys; throws JsonFieldError for
  // any other type.
  std::vector<JsonValue> Values() const;

 private:
  friend class JsonView;
  JsonValue(const JsonView* view, std::uint32_t node) : view_(view), node_(node) {}
  [[noreturn]] void Wrong(const char* expected) const;
  const JsonView* view_;
  std::uint32_t node_;
};

class JsonView {
 public:
  static constexpr int kMaxDepth = 200;

  // Parses `text`, which must outlive every use of root(). False (and the view empty)
  // when `text` is not canonical JSON as described above. The view's memory is reused
  // from one Parse to the next.
  bool Parse(std::string_view text);
  // The whole text's value. REQUIRES: the last Parse returned true.
  JsonValue root() const { return JsonValue(this, 0); }

 private:
  friend class JsonValue;
  enum class Kind : std::uint8_t { kNull, kTrue, kFalse, kNumber, kString, kArray, kObject };
  struct Node {
    Kind kind;
    bool escaped;         // a string holding escapes
    std::uint32_t begin;  // the value's text: [begin, end) of text_
    std::uint32_t end;
    std::uint32_t next;  // the node after this value and everything inside it
  };
  bool Value(std::size_t& at, int depth);
  bool String(std::size_t& at, bool& escaped);
  bool Number(std::size_t& at);
  bool Literal(std::size_t& at, std::string_view word, Kind kind);
  std::uint32_t Add(Kind kind, std::size_t begin);

  std::string_view text_;
  std::vector<Node> nodes_;
  // The key node last found by Find, and its object's node: where the next Find in that
  // object may start (so a view is read by one thread at a time).
  mutable std::uint32_t hint_object_ = 0;
  mutable std::uint32_t hint_key_ = 0;
};

}  // namespace claimledger

#endif  // CLAIMLEDGER_CODEC_JSON_VIEW_H_
