// Bundles (bundle.h): writing and reading lines, exporting a ledger and importing one.
#include "interop/bundle.h"

#include <cstdio>
#include <fstream>

#include "claimledger/error.h"
#include "claimledger/hash.h"
#include "codec/canonical_json.h"
#include "codec/events.h"
#include "hash/base64.h"

namespace claimledger {
namespace {

using nlohmann::json;

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

// Quotes a path in a message.
std::string Shown(const std::string& path) { return "\"" + path + "\""; }

}  // namespace

// --- writing ---------------------------------------------------------------------------------

void BundleWriter::Header(const std::string& ledger) {
  out_ << CanonicalJson(
              {{"bundle", "claimledger"}, {"ledger", ledger}, {"version", kBundleVersion}})
       << '\n';
}

void BundleWriter::Entry(const Event& event, const std::optional<std::string>& content) {
  // Keys in canonical order: content, event, hash. The event text is written around its stored
  // canonical data without encoding it again.
  out_ << "{";
  if (content) out_ << "\"content\":\"" << Base64(*content) << "\",";
  out_ << "\"event\":" << CanonicalEventText(event) << ",\"hash\":" << CanonicalJson(event.hash)
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

Checkpoint ExportBundle(Ledger& ledger, const std::string& path) {
  const std::string partial = path + ".part";
  std::ofstream out(partial, std::ios::binary | std::ios::trunc);
  if (!out) {
    throw Error(Code::kStorage, "claimledger.bundle.write", "cannot write " + Shown(partial));
  }
  Checkpoint head;
  {
    Store& store = ledger.store();
    ReadScope read(store);
    BundleWriter writer(out);
    writer.Header(ledger.identity());
    ScanEventsWithContents(store, 1, -1,
                           [&](const Event& event, const std::optional<std::string>& content) {
                             writer.Entry(event, content);
                             return true;
                           });
    const auto last = store.LastEvent();
    head = {ledger.identity(), last->seq, last->hash, last->at};
    writer.Finish(head);
  }
  out.close();
  if (!out || std::rename(partial.c_str(), path.c_str()) != 0) {
    std::remove(partial.c_str());
    throw Error(Code::kStorage, "claimledger.bundle.write", "cannot write " + Shown(path));
  }
  return head;
}

// --- reading ---------------------------------------------------------------------------------

bool LooksLikeBundle(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return in && in.peek() == '{';
}

Checkpoint ImportBundle(Ledger& ledger, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(Code::kNotFound, "claimledger.bundle.missing", "cannot read " + Shown(path));
  }
  BundleReader reader(in);
  return ledger.ReplaceHistory([&](Event* event, std::optional<std::string>* content) {
    BundleEntry entry;
    if (!reader.Next(&entry)) return false;
    *event = std::move(entry.event);
    *content = std::move(entry.content);
    return true;
  });
}

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
        !head["seq"].is_number_integer() || head["seq"].get<std::int64_t>() != chain_.events ||
        head.value("hash", "") != last_.hash || head.value("at", "") != last_.at) {
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
    event.data = CanonicalJson(e.at("data"));
  } catch (const json::exception&) {
    throw fail("the event lacks one of seq, prev, type, at, actor, data");
  } catch (const Error& error) {
    throw fail(error.detail());
  }
  if (e.size() != 6) throw fail("the event has fields beyond seq, prev, type, at, actor, data");
  event.hash = line["hash"].get<std::string>();
  // The chain check of verify(): the hash, the link to the event before, no gap.
  const std::size_t known = chain_.problems.size();
  chain_(event);
  if (chain_.problems.size() > known) {
    const Problem& problem = chain_.problems[known];
    throw fail(problem.kind == "hash-mismatch" ? "the event does not hash to the hash beside it"
               : problem.kind == "gap"         ? "expected event " + std::to_string(chain_.events)
               : problem.kind == "broken-link" ? "the event does not link to the one before it"
                                               : problem.detail);
  }
  if (event.seq == 1 && event.hash != ledger_)
    throw fail("the first event is not the header's ledger");
  entry->content.reset();
  if (event.type == EventTypeName(EventType::kSnapshotAdded)) {
    if (!line.contains("content") || !line["content"].is_string()) {
      throw fail("the snapshot's bytes are missing");
    }
    entry->content = FromBase64(line["content"].get<std::string>());
    const json& data = e.at("data");
    if (!entry->content || ContentId(*entry->content) != data.value("hash", "") ||
        Sha256(*entry->content) != data.value("sha256", "")) {
      throw fail("the snapshot's bytes do not match its hashes");
    }
  } else if (line.contains("content")) {
    throw fail("content on an event that adds no snapshot");
  }
  if (line.size() != (line.contains("content") ? 3u : 2u)) throw fail("unexpected fields");
  last_ = event;
  return true;
}

}  // namespace claimledger
