// Bundles: a desk exported and imported elsewhere is the identical chain; any altered,
// removed or truncated line is rejected with the line named and nothing written.
#include "interop/bundle.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "claimledger/error.h"
#include "claimledger/workbench.h"
#include "test_util.h"

namespace claimledger {
namespace {

using testing_util::ReadFile;
using testing_util::TempLedgerPath;

std::unique_ptr<Workbench> BundledDesk() {
  WorkbenchOptions options;
  options.actor = "alice";
  auto wb = Workbench::Open(":memory:", options);
  const std::string outlet = wb->AddSource({"Courier", "outlet", {}, {}}).id;
  const std::string snapshot =
      wb->AddSnapshot({"Seoul keeps approximately 28,500 troops. Caf\xC3\xA9.",
                       {},
                       {},
                       outlet,
                       "2024-10-21",
                       {}})
          .hash;
  const std::string claim =
      wb->AddClaim({"About 28,500 troops.", outlet, snapshot, "approximately 28,500 troops", {}})
          .id;
  wb->SetVerdict(claim, "true", "matches", {});
  wb->AddSnapshot({std::string("binary\0bytes\xff", 13), {}, {}, {}, {}, {}});
  return wb;
}

void Write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

TEST(BundleTest, RoundTripReproducesTheIdenticalChain) {
  auto source = BundledDesk();
  TempLedgerPath bundle, target;
  const Checkpoint head = source->ExportBundle(bundle.str());
  EXPECT_EQ(head.seq, source->EventCount());

  auto copy = Workbench::Open(target.str());
  EXPECT_NE(copy->identity(), source->identity());
  const Checkpoint imported = copy->ImportBundle(bundle.str());
  EXPECT_EQ(imported.hash, head.hash);
  EXPECT_EQ(copy->identity(), source->identity());
  const auto a = source->Events(), b = copy->Events();
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].hash, b[i].hash);
  for (const Snapshot& snapshot : source->Snapshots()) {
    EXPECT_EQ(copy->SnapshotContent(snapshot.hash), source->SnapshotContent(snapshot.hash));
  }
  EXPECT_TRUE(copy->Verify(head).ok);
  copy->SetStatus(copy->Claims({}).front().id, "published");  // and it takes new work
  EXPECT_TRUE(copy->Verify(head).ok);
  // Exporting the copy gives the same bytes up to the shared head.
  TempLedgerPath again;
  auto fresh = Workbench::Open(":memory:");
  fresh->ImportBundle(bundle.str());
  fresh->ExportBundle(again.str());
  EXPECT_EQ(ReadFile(again.str()), ReadFile(bundle.str()));
}

TEST(BundleTest, EveryAlteredLineIsRejectedAndNothingWritten) {
  auto source = BundledDesk();
  TempLedgerPath bundle, altered;
  source->ExportBundle(bundle.str());
  const std::vector<std::string> lines = Lines(ReadFile(bundle.str()));
  ASSERT_GE(lines.size(), 8u);
  int cases = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    // Three alterations of each line: a changed character, an added space, the line gone.
    std::vector<std::vector<std::string>> variants(3, lines);
    std::string& changed = variants[0][i];
    const std::size_t at = changed.find_last_of("0123456789");
    changed[at] = changed[at] == '1' ? '2' : '1';
    variants[1][i] = variants[1][i] + " ";
    variants[2].erase(variants[2].begin() + static_cast<long>(i));
    for (const auto& variant : variants) {
      Write(altered.str(), Join(variant));
      auto target = Workbench::Open(":memory:");
      const std::string before = target->identity();
      try {
        target->ImportBundle(altered.str());
        ADD_FAILURE() << "line " << i + 1 << " altered but accepted";
      } catch (const Error& error) {
        EXPECT_TRUE(error.code() == Code::kIntegrity || error.code() == Code::kInvalidInput)
            << error.what();
        if (i > 0 && error.code() == Code::kIntegrity) {
          EXPECT_NE(std::string(error.what()).find("line "), std::string::npos) << error.what();
        }
      }
      EXPECT_EQ(target->EventCount(), 1) << "line " << i + 1;
      EXPECT_EQ(target->identity(), before);
      EXPECT_TRUE(target->Verify().ok);
      ++cases;
    }
  }
  EXPECT_EQ(cases, static_cast<int>(3 * lines.size()));
}

TEST(BundleTest, TruncatedNewerOrForeignFilesAreRefused) {
  auto source = BundledDesk();
  TempLedgerPath bundle, bad;
  source->ExportBundle(bundle.str());
  std::vector<std::string> lines = Lines(ReadFile(bundle.str()));

  Write(bad.str(), Join({lines.begin(), lines.end() - 1}));
  try {
    Workbench::Open(":memory:")->ImportBundle(bad.str());
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.id(), "claimledger.bundle.truncated");
  }
  std::string header = lines[0];
  header.replace(header.find("\"version\":1"), 11, "\"version\":9");
  lines[0] = header;
  Write(bad.str(), Join(lines));
  try {
    Workbench::Open(":memory:")->ImportBundle(bad.str());
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.id(), "claimledger.bundle.newer_version");
  }
  Write(bad.str(), "name,label\nx,y\n");
  EXPECT_THROW(Workbench::Open(":memory:")->ImportBundle(bad.str()), Error);
}

TEST(BundleTest, OnlyANewLedgerTakesABundle) {
  auto source = BundledDesk();
  TempLedgerPath bundle;
  source->ExportBundle(bundle.str());
  try {
    source->ImportBundle(bundle.str());
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.id(), "claimledger.bundle.not_empty");
  }
  EXPECT_TRUE(source->Verify().ok);
}

}  // namespace
}  // namespace claimledger
