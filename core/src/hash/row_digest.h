// Order-independent digests of table rows, for verify(): the stored tables of current state
// and a replay of the events are each summed up per table and the sums compared.
//
// A row is encoded as typed values (null, integer, text, or another storage type with its
// bytes; lengths and integers as varints, so that the encoding is unambiguous) and hashed with
// a keyed 128-bit SipHash (libsodium's siphashx24). A table's digest is the sum of its rows'
// hashes (two 64-bit lanes, wrapping) and the row count. The key is drawn at random for each
// verification, so nobody can prepare edited rows whose hashes add up to the same sum.
#ifndef CLAIMLEDGER_HASH_ROW_DIGEST_H_
#define CLAIMLEDGER_HASH_ROW_DIGEST_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace claimledger {

// The key of one verification's row hashes: a SipHash key, and an XXH3 secret for the rows of
// derived tables (FastRowDigest).
struct RowDigestKey {
  static constexpr std::size_t kBytes = 16;
  static constexpr std::size_t kSecretBytes = 192;
  unsigned char bytes[kBytes] = {};
  unsigned char secret[kSecretBytes] = {};
  // A fresh key from the system's secure generator.
  static RowDigestKey Random();
};

// The digest of a set of rows: their hashes summed, and their count.
struct TableDigest {
  std::uint64_t sum[2] = {0, 0};
  std::int64_t rows = 0;

  bool operator==(const TableDigest& other) const {
    return sum[0] == other.sum[0] && sum[1] == other.sum[1] && rows == other.rows;
  }
  bool operator!=(const TableDigest& other) const { return !(*this == other); }
  // The digest of both sets of rows together (digests of parts of a table add up).
  TableDigest& operator+=(const TableDigest& other) {
    sum[0] += other.sum[0];
    sum[1] += other.sum[1];
    rows += other.rows;
    return *this;
  }
  // The digest without the rows of `other` (the sums wrap around, so this undoes +=).
  TableDigest& operator-=(const TableDigest& other) {
    sum[0] -= other.sum[0];
    sum[1] -= other.sum[1];
    rows -= other.rows;
    return *this;
  }
};

// Encodes one row's values and gives its keyed hash. One hasher encodes one row at a time:
// Part starts a row (or a part of one, such as the columns that later events update).
class RowHasher {
 public:
  explicit RowHasher(const RowDigestKey& key) : key_(key) {}

  // Starts a row, tagged with `part` ('r' for the columns written once, 'u' for updated ones).
  RowHasher& Part(char part) {
    buffer_.clear();
    buffer_.push_back(part);
    return *this;
  }
  RowHasher& Null() {
    buffer_.push_back('n');
    return *this;
  }
  RowHasher& Int(std::int64_t value) {
    buffer_.push_back('i');
    return Varint(static_cast<std::uint64_t>(value));
  }
  RowHasher& Text(std::string_view text) {
    buffer_.push_back('t');
    return Bytes(text);
  }
  RowHasher& Text(const std::string& text) { return Text(std::string_view(text)); }
  RowHasher& Text(const char* text) { return Text(std::string_view(text)); }
  RowHasher& Text(const std::optional<std::string>& text) { return text ? Text(*text) : Null(); }
  RowHasher& Int(const std::optional<std::int64_t>& value) { return value ? Int(*value) : Null(); }
  // A value of another storage type (a float or a blob, which the tables never hold unless
  // edited), tagged with `type`.
  RowHasher& Other(char type, std::string_view bytes) {
    buffer_.push_back(type);
    return Bytes(bytes);
  }

  // The digest of the one row encoded since Part: its keyed hash, counted once.
  TableDigest Digest() const;
  void AddTo(TableDigest& digest) const { digest += Digest(); }
  // Takes back a row added before.
  void RemoveFrom(TableDigest& digest) const { digest -= Digest(); }
  // The keyed hash of each value encoded since Part, in order: which columns of two rows with
  // different digests differ (verify names them). Appends to `out`.
  void ValueHashes(std::vector<std::uint64_t>& out) const;

 private:
  // Seven bits a byte, low first, the high bit set on all but the last: self-delimiting and
  // short (most lengths and seqs take 1 to 3 bytes; the keyed hash costs by the byte).
  RowHasher& Varint(std::uint64_t value) {
    for (; value >= 0x80; value >>= 7) buffer_.push_back(static_cast<char>(value | 0x80));
    buffer_.push_back(static_cast<char>(value));
    return *this;
  }
  RowHasher& Bytes(std::string_view bytes) {
    Varint(bytes.size());
    buffer_.append(bytes.data(), bytes.size());
    return *this;
  }

  const RowDigestKey& key_;
  std::string buffer_;
};

// The digest of one row of a derived table (a search index, which holds no truth of its own and
// may have many rows per claim): XXH3-128 of `bytes` with the key's random secret, several
// times cheaper than RowHasher's SipHash. The secret is drawn for each verification, so edits
// cannot be prepared to cancel out; the tables of current state keep SipHash, a keyed hash
// made for adversaries.
TableDigest FastRowDigest(const RowDigestKey& key, const void* bytes, std::size_t size);
// The keyed 64-bit hash of a text, to put into a fixed-size row for FastRowDigest.
std::uint64_t FastTextHash(const RowDigestKey& key, std::string_view text);

}  // namespace claimledger

#endif  // CLAIMLEDGER_HASH_ROW_DIGEST_H_
