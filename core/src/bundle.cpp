// Bundle writing and reading (see bundle.h). Pure transformation between events and
// lines: the workbench reads events from the store into a BundleWriter and writes the
// events a BundleReader verified into a store.
#include "claimledger/bundle.h"

#include <sodium.h>

#include "claimledger/codec.h"
#include "claimledger/error.h"
#include "claimledger/hash.h"
#include "claimledger/ledger.h"

namespace claimledger {
namespace {

using nlohmann::json;

std::string Base64(std::string_view bytes) {
  std::string text(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  text.resize(text.size() - 1);  // the terminating NUL
  return text;
}

std::optional<std::string> FromBase64(const std::string& text) {
  std::string bytes(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                        text.size(), nullptr, &length, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  bytes.resize(length);
  return bytes;
}

// Every line is written in canonical form, so a line whose bytes differ from the
// canonical form of what it says was edited (even if it still means the same).
template <typename Fail>
void RequireCanonical(const json& value, const std::string& text, const Fail& fail) {
  std::string canonical;
  try {
    canonical = CanonicalJson(value);
  } catch (const Error& error) {
    throw fail(error.detail());
  }
  if (canonical != text) throw fail("the line is not in canonical form");
}

}  // namespace

// --- writing ---------------------------------------------------------------------------------

void BundleWriter::Header(const std::string& ledger) {
  out_ << CanonicalJson(
              {{"bundle", "claimledger"}, {"ledger", ledger}, {"version", kBundleVersion}})
       << '\n';
}

void BundleWriter::Entry(const Event& event, std::string_view data_text,
                         const std::optional<std::string>& content) {
  // Keys in canonical order: content, event, hash. The event text is written from the
  // stored canonical data without re-encoding it.
  Event envelope = event;
  envelope.data = json::parse(data_text);
  out_ << "{";
  if (content) out_ << "\"content\":\"" << Base64(*content) << "\",";
  out_ << "\"event\":" << CanonicalEventText(envelope) << ",\"hash\":" << CanonicalJson(event.hash)
       << "}\n";
}

void BundleWriter::Finish(const Checkpoint& head) {
  out_
      << CanonicalJson(
             {{"checkpoint",
               {{"at", head.at}, {"hash", head.hash}, {"ledger", head.ledger}, {"seq", head.seq}}}})
      << '\n';
  out_.flush();
}

// --- reading ---------------------------------------------------------------------------------

void BundleReader::ReadHeader() {
  std::string text;
  if (!std::getline(in_, text)) {
    throw Error(Code::kInvalidInput, "claimledger.bundle.empty", "the bundle is empty");
  }
  line_ = 1;
  const json header = json::parse(text, nullptr, false);
  if (!header.is_discarded() && header.is_object() && header.value("bundle", "") == "claimledger") {
    RequireCanonical(header, text, [](const std::string& why) {
      return Error(Code::kIntegrity, "claimledger.bundle.altered", "line 1: " + why);
    });
  }
  if (header.is_discarded() || !header.is_object() || header.value("bundle", "") != "claimledger") {
    throw Error(Code::kInvalidInput, "claimledger.bundle.not_a_bundle",
                "line 1 is not a claimledger bundle header; a bundle starts with "
                "{\"bundle\":\"claimledger\",...} (write one with export_bundle)");
  }
  if (!header.contains("version") || !header["version"].is_number_integer() ||
      header["version"].get<int>() > kBundleVersion) {
    throw Error(Code::kInvalidInput, "claimledger.bundle.newer_version",
                "line 1: the bundle's format version is " + header.value("version", json()).dump() +
                    "; this claimledger reads versions up to " + std::to_string(kBundleVersion) +
                    ": upgrade claimledger to import it");
  }
  if (!header.contains("ledger") || !header["ledger"].is_string() ||
      !IsSha256(header["ledger"].get<std::string>())) {
    throw Error(Code::kIntegrity, "claimledger.bundle.altered",
                "line 1: the header has no valid ledger identity");
  }
  ledger_ = header["ledger"].get<std::string>();
  prev_ = GenesisPrev();
  started_ = true;
}

bool BundleReader::Next(BundleEntry* entry) {
  if (!started_) ReadHeader();
  if (finished_) return false;
  const auto fail = [&](const std::string& why) {
    return Error(Code::kIntegrity, "claimledger.bundle.altered",
                 "line " + std::to_string(line_) + ": " + why +
                     "; the bundle was altered or damaged, nothing was imported");
  };
  std::string text;
  if (!std::getline(in_, text)) {
    ++line_;
    throw Error(Code::kIntegrity, "claimledger.bundle.truncated",
                "line " + std::to_string(line_) +
                    ": the bundle ends without its checkpoint line: it was truncated, nothing "
                    "was imported");
  }
  ++line_;
  const json line = json::parse(text, nullptr, false);
  if (line.is_discarded() || !line.is_object()) throw fail("not a JSON object");
  RequireCanonical(line, text, fail);
  if (line.contains("checkpoint")) {
    const json& head = line["checkpoint"];
    if (!head.is_object() || head.value("ledger", "") != ledger_ || !head.contains("seq") ||
        !head["seq"].is_number_integer() || head["seq"].get<std::int64_t>() != seq_ ||
        head.value("hash", "") != prev_ || head.value("at", "") != at_) {
      throw fail("the checkpoint does not match the events before it");
    }
    if (std::getline(in_, text) && !text.empty()) {
      ++line_;
      throw fail("text after the checkpoint line");
    }
    finished_ = true;
    return false;
  }
  if (!line.contains("event") || !line["event"].is_object() || !line.contains("hash") ||
      !line["hash"].is_string()) {
    throw fail("an event line needs \"event\" and \"hash\"");
  }
  const json& e = line["event"];
  Event& event = entry->event;
  try {
    event.seq = e.at("seq").get<std::int64_t>();
    event.prev = e.at("prev").get<std::string>();
    event.type = e.at("type").get<std::string>();
    event.at = e.at("at").get<std::string>();
    event.actor = e.at("actor").get<std::string>();
    event.data = e.at("data");
  } catch (const json::exception&) {
    throw fail("the event lacks one of seq, prev, type, at, actor, data");
  }
  if (e.size() != 6) throw fail("the event has fields beyond seq, prev, type, at, actor, data");
  event.hash = line["hash"].get<std::string>();
  std::string recomputed;
  try {
    recomputed = EventHash(event);
  } catch (const Error& error) {
    throw fail(error.detail());
  }
  if (recomputed != event.hash) throw fail("the event does not hash to the hash beside it");
  if (event.seq != seq_ + 1) throw fail("expected event " + std::to_string(seq_ + 1));
  if (event.prev != prev_) throw fail("the event does not link to the one before it");
  if (seq_ == 0 && event.hash != ledger_) throw fail("the first event is not the header's ledger");
  entry->data_text = CanonicalJson(event.data);
  entry->content.reset();
  if (event.type == "snapshot.added") {
    if (!line.contains("content") || !line["content"].is_string()) {
      throw fail("the snapshot's bytes are missing");
    }
    entry->content = FromBase64(line["content"].get<std::string>());
    if (!entry->content || ContentId(*entry->content) != event.data.value("hash", "") ||
        Sha256(*entry->content) != event.data.value("sha256", "")) {
      throw fail("the snapshot's bytes do not match its hashes");
    }
  } else if (line.contains("content")) {
    throw fail("content on an event that adds no snapshot");
  }
  if (line.size() != (line.contains("content") ? 3u : 2u)) throw fail("unexpected fields");
  seq_ = event.seq;
  prev_ = event.hash;
  at_ = event.at;
  return true;
}

}  // namespace claimledger
