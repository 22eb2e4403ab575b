// verify() through the workbench, on a ledger file edited behind its back: each row that
// differs is named by table and key, every table the store writes is covered (the search
// indexes included) and rebuild() restores them, and the problems come in the order of seq.
#include <gtest/gtest.h>

#include <fstream>

#include "claimledger/error.h"
#include "claimledger/workbench.h"
#include "test_util.h"
#include "workbench/sample_desk.h"

namespace claimledger {
namespace {

using testing_util::BuildDesk;
using testing_util::Desk;
using testing_util::Open;
using testing_util::RawSql;
using testing_util::TempLedgerPath;

// Puts `bytes` (a copy taken before an edit) back as the whole ledger file at `path`.
void RestoreFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// The file at `path` restored to `pristine`, edited with `sql` behind the ledger's back,
// then opened and verified.
VerifyReport VerifyAfterEdit(const std::string& path, const std::string& pristine,
                             const std::string& sql) {
  RestoreFile(path, pristine);
  RawSql(path, sql);
  return Open(path)->Verify();
}

struct SmallDesk {
  std::string outlet, claim;
};

SmallDesk Build(Workbench& wb) {
  SmallDesk desk;
  desk.outlet = wb.AddSource({"Courier", "outlet", {}, {}}).id;
  desk.claim = wb.AddClaim({"About 28,500 troops.", desk.outlet, {}, {}, {"korea", "military"}}).id;
  wb.SetVerdict(desk.claim, "true", "agrees", {});  // seq 4
  wb.SetStatus(desk.claim, "published");            // seq 5
  wb.RateSource(desk.outlet, "B", "usually reliable");
  return desk;
}

std::vector<std::string> Details(const VerifyReport& report, const std::string& kind) {
  std::vector<std::string> details;
  for (const Problem& problem : report.problems) {
    if (problem.kind == kind) details.push_back(problem.detail);
  }
  return details;
}

TEST(VerifyTest, NamesEachRowThatDiffers) {
  TempLedgerPath path;
  SmallDesk desk;
  {
    auto wb = Workbench::Open(path.str(), {});
    desk = Build(*wb);
    ASSERT_TRUE(wb->Verify().ok);
  }
  RawSql(path.str(),
         "UPDATE claims SET text = 'About 2,850 troops.';"
         "DELETE FROM claim_tags WHERE tag = 'korea';"
         "INSERT INTO event_refs VALUES ('forged', 3);"
         "UPDATE sources SET reliability_at = '2000-01-01T00:00:00.000000Z';");
  auto wb = Workbench::Open(path.str(), {});
  const VerifyReport report = wb->Verify();
  EXPECT_EQ(report.problems.size(), 4u);
  EXPECT_EQ(
      Details(report, "projection-mismatch"),
      (std::vector<std::string>{
          "sources row " + desk.outlet + " differs from what the events say: column reliability_at",
          "claims row " + desk.claim + " differs from what the events say: column text",
          "claim_tags row " + desk.claim + " korea is missing from the stored table",
          "event_refs row forged 3 is stored but no event made it"}));
}

TEST(VerifyTest, NamesAClaimWhoseLaterStatusWasUndone) {
  TempLedgerPath path;
  SmallDesk desk;
  {
    auto wb = Workbench::Open(path.str(), {});
    desk = Build(*wb);
  }
  RawSql(path.str(), "UPDATE claims SET status = 'new', status_at = at");
  auto wb = Workbench::Open(path.str(), {});
  EXPECT_EQ(
      Details(wb->Verify(), "projection-mismatch"),
      (std::vector<std::string>{"claims row " + desk.claim +
                                " differs from what the events say: columns status, status_at"}));
}

TEST(VerifyTest, DataNoLongerInCanonicalFormIsAHashMismatch) {
  TempLedgerPath path;
  {
    auto wb = Workbench::Open(path.str(), {});
    Build(*wb);
  }
  // The same JSON value, written with spaces: the stored bytes are not those hashed.
  RawSql(path.str(), "UPDATE events SET data = replace(data, '\":\"', '\": \"') WHERE seq = 4");
  auto wb = Workbench::Open(path.str(), {});
  const VerifyReport report = wb->Verify();
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].kind, "hash-mismatch");
  EXPECT_EQ(report.problems[0].seq, 4);
  EXPECT_NE(report.problems[0].detail.find("no longer in canonical form"), std::string::npos)
      << report.problems[0].detail;
}

// For a ledger file the chain is checked on a second thread while the replay runs; the
// report still lists each event's problems together, in the order of seq.
TEST(VerifyTest, ListsEveryProblemInTheOrderOfSeq) {
  TempLedgerPath path;
  {
    auto wb = Workbench::Open(path.str(), {});
    Build(*wb);
  }
  RawSql(path.str(),
         "UPDATE events SET type = 'claim.deleted' WHERE seq = 3;"
         "UPDATE events SET data = 'not json' WHERE seq = 5;"
         // The last digit of the link changed (to 'e' when it was 'f', else to 'f').
         "UPDATE events SET prev = substr(prev, 1, 70) || "
         "CASE substr(prev, 71, 1) WHEN 'f' THEN 'e' ELSE 'f' END WHERE seq = 6;");
  auto wb = Workbench::Open(path.str(), {});
  const VerifyReport report = wb->Verify();
  std::vector<std::pair<std::int64_t, std::string>> found;
  for (const Problem& problem : report.problems) {
    if (problem.seq != 0) found.emplace_back(problem.seq, problem.kind);
  }
  EXPECT_EQ(found, (std::vector<std::pair<std::int64_t, std::string>>{{3, "hash-mismatch"},
                                                                      {3, "unknown-event"},
                                                                      {5, "hash-mismatch"},
                                                                      {6, "broken-link"},
                                                                      {6, "hash-mismatch"}}));
}

// The stored tables are digested on a second thread for a ledger file; its errors reach
// the caller of Verify all the same.
TEST(VerifyTest, AColumnTheDigestDoesNotCoverIsAnError) {
  TempLedgerPath path;
  {
    auto wb = Workbench::Open(path.str(), {});
    Build(*wb);
  }
  RawSql(path.str(), "ALTER TABLE claims ADD COLUMN extra TEXT");
  auto wb = Workbench::Open(path.str(), {});
  try {
    wb->Verify();
    FAIL() << "verify passed a table with a column it does not check";
  } catch (const Error& error) {
    EXPECT_EQ(error.id(), "claimledger.store.digest_layout");
    EXPECT_NE(std::string(error.what()).find("claims"), std::string::npos) << error.what();
  }
}

// Every table the store writes, the search indexes included: a row deleted or altered
// behind the ledger's back is reported, and rebuild() restores the table.
struct TableEdit {
  const char* what;
  const char* sql;
};

TEST(VerifyTest, ReportsADeletedOrAlteredRowOfEveryTableAndRebuildRestoresIt) {
  TempLedgerPath path;
  {
    auto wb = Workbench::Open(path.str(), {});
    const SmallDesk desk = Build(*wb);
    // A large batch moves the near-duplicate buckets into claim_lsh; the claim added after it
    // keeps its own in claim_lsh_recent: both tables hold rows.
    std::vector<NewClaim> batch;
    for (int i = 0; i < 256; ++i) {
      batch.push_back(
          {"Harbour fee " + std::to_string(i) + " rose in district " + std::to_string(i % 7),
           {},
           {},
           {},
           {}});
    }
    wb->AddClaims(batch);
    const std::string article =
        wb->AddSnapshot(
              {"The United States keeps about 28,500 troops in Korea.", {}, {}, desk.outlet})
            .hash;
    NewClaim quoted{"About 28,500 US troops are in Korea.", desk.outlet, article, "28,500 troops"};
    const std::string claim = wb->AddClaim(quoted).id;
    wb->LinkEvidence({claim, article, "about 28,500 troops", "supports"});
    ASSERT_TRUE(wb->Verify().ok);
  }
  ASSERT_GT(testing_util::SqlNumber(path.str(), "SELECT count(*) FROM claim_lsh"), 256 * 8);
  ASSERT_GT(testing_util::SqlNumber(path.str(), "SELECT count(*) FROM claim_lsh_recent"), 0);
  const std::vector<TableEdit> edits = {
      {"sources, deleted", "DELETE FROM sources"},
      {"sources, altered", "UPDATE sources SET name = 'Forged'"},
      {"snapshots, deleted", "DELETE FROM snapshots"},
      {"snapshots, altered", "UPDATE snapshots SET title = 'forged'"},
      {"claims, deleted", "DELETE FROM claims WHERE rowid = 1"},
      {"claims, altered", "UPDATE claims SET rating = 'false' WHERE rating IS NOT NULL"},
      {"claim_tags, deleted", "DELETE FROM claim_tags WHERE tag = 'korea'"},
      {"claim_tags, altered", "UPDATE claim_tags SET tag = 'forged' WHERE tag = 'korea'"},
      {"appearances, deleted", "DELETE FROM appearances"},
      {"appearances, altered", "UPDATE appearances SET exact = 'forged'"},
      {"evidence, deleted", "DELETE FROM evidence"},
      {"evidence, altered", "UPDATE evidence SET stance = 'refutes'"},
      {"verdicts, deleted", "DELETE FROM verdicts"},
      {"verdicts, altered", "UPDATE verdicts SET rationale = 'forged'"},
      {"source_ratings, deleted", "DELETE FROM source_ratings"},
      {"source_ratings, altered", "UPDATE source_ratings SET grade = 'A'"},
      {"event_refs, deleted",
       "DELETE FROM event_refs WHERE seq = (SELECT min(seq) FROM event_refs)"},
      {"event_refs, altered",
       "UPDATE event_refs SET seq = 99 WHERE seq = (SELECT min(seq) FROM event_refs)"},
      // A source's references name it by rowid (schema version 11).
      {"source_refs, deleted", "DELETE FROM source_refs WHERE seq = 3"},
      {"source_refs, altered", "UPDATE source_refs SET seq = 99 WHERE seq = 3"},
      {"source_refs, moved to another source", "UPDATE source_refs SET source = source + 1"},
      {"source_refs, naming no source", "UPDATE source_refs SET source = 999"},
      // A claim's rows name it by rowid: moved to another claim, or named by its text id,
      // which no read looks up.
      {"claim_tags, moved to another claim", "UPDATE claim_tags SET claim = claim + 1"},
      {"claim_tags, named by text id",
       "UPDATE claim_tags SET claim = (SELECT id FROM claims WHERE rowid = claim_tags.claim)"},
      {"verdicts, moved to another claim", "UPDATE verdicts SET claim = claim - 1"},
      {"verdicts, named by text id",
       "UPDATE verdicts SET claim = (SELECT id FROM claims WHERE rowid = verdicts.claim)"},
      {"claim_refs, deleted", "DELETE FROM claim_refs WHERE seq = (SELECT max(seq) FROM events)"},
      {"claim_refs, moved to another claim", "UPDATE claim_refs SET claim = claim + 1"},
      {"claim_lsh, all deleted", "DELETE FROM claim_lsh"},
      {"claim_lsh, one deleted",
       "DELETE FROM claim_lsh WHERE bucket = (SELECT min(bucket) FROM claim_lsh)"},
      {"claim_lsh, altered",
       "UPDATE claim_lsh SET bucket = bucket + 1 WHERE bucket = (SELECT min(bucket) FROM "
       "claim_lsh)"},
      {"claim_lsh_recent, all deleted", "DELETE FROM claim_lsh_recent"},
      {"claim_lsh_recent, altered",
       "UPDATE claim_lsh_recent SET claim = claim - 1 WHERE bucket = (SELECT min(bucket) FROM "
       "claim_lsh_recent)"},
      {"claim_lsh_recent, a row of claim_lsh kept again",
       "INSERT INTO claim_lsh_recent SELECT bucket, claim FROM claim_lsh "
       "WHERE bucket = (SELECT min(bucket) FROM claim_lsh)"},
      {"claims_fts, deleted", "DELETE FROM claims_fts WHERE rowid = 1"},
      {"claims_fts, altered", "UPDATE claims_fts SET text = 'forged words' WHERE rowid = 1"},
      {"claims_fts, index emptied", "INSERT INTO claims_fts(claims_fts) VALUES('delete-all')"},
      {"claims_fts, shadow rows deleted", "DELETE FROM claims_fts_data WHERE id > 10"},
      {"snapshots_fts, deleted", "DELETE FROM snapshots_fts"},
      {"snapshots_fts, altered", "UPDATE snapshots_fts SET text = 'forged words'"},
  };
  const std::string pristine = testing_util::ReadFile(path.str());
  for (const TableEdit& edit : edits) {
    SCOPED_TRACE(edit.what);
    const VerifyReport report = VerifyAfterEdit(path.str(), pristine, edit.sql);
    EXPECT_FALSE(report.ok);
    EXPECT_FALSE(Details(report, "projection-mismatch").empty());
    if (std::string(edit.what).find("_fts") != std::string::npos ||
        std::string(edit.what).find("claim_lsh") != std::string::npos) {
      // Without its search indexes, verify does not look at them.
      EXPECT_TRUE(Open(path.str())->Verify(std::nullopt, /*search_indexes=*/false).ok);
    }
    auto wb = Workbench::Open(path.str(), {});
    wb->Rebuild();
    const VerifyReport rebuilt = wb->Verify();
    EXPECT_TRUE(rebuilt.ok) << (rebuilt.problems.empty() ? "" : rebuilt.problems[0].detail);
    EXPECT_EQ(wb->Search("troops").size(), 2u);
    EXPECT_FALSE(wb->Similar("About 28,500 troops.", 1).empty());
  }
}

struct Tamper {
  const char* name;
  std::string sql;
  const char* kind;
  std::int64_t seq;  // -1: any
};

TEST(VerifyTest, ReportsEachTamperingAtItsPlace) {
  TempLedgerPath path;
  Desk desk;
  {
    auto wb = Open(path.str());
    desk = BuildDesk(*wb);
  }
  const std::vector<Tamper> cases = {
      {"event data", "UPDATE events SET data = replace(data, 'first look', 'second') WHERE seq = 8",
       "hash-mismatch", 8},
      {"event hash", "UPDATE events SET hash = 'sha256:" + std::string(64, 'a') + "' WHERE seq = 4",
       "broken-link", 5},
      {"deleted middle event", "DELETE FROM events WHERE seq = 6", "gap", 7},
      {"snapshot bytes",
       "UPDATE contents SET bytes = CAST('forged' AS BLOB) WHERE hash = '" + desk.factsheet + "'",
       "content-mismatch", 0},
      {"claim text in table", "UPDATE claims SET text = 'changed'", "projection-mismatch", 0},
      {"verdict row", "UPDATE verdicts SET rating = 'false' WHERE seq = 9", "projection-mismatch",
       0},
      {"unknown event type", "UPDATE events SET type = 'claim.deleted' WHERE seq = 8",
       "unknown-event", 8},
  };
  const std::string pristine = testing_util::ReadFile(path.str());
  for (const Tamper& tamper : cases) {
    const VerifyReport report = VerifyAfterEdit(path.str(), pristine, tamper.sql);
    EXPECT_FALSE(report.ok) << tamper.name;
    bool found = false;
    for (const Problem& problem : report.problems) {
      if (problem.kind == tamper.kind && (tamper.seq < 0 || problem.seq == tamper.seq)) {
        found = true;
      }
    }
    EXPECT_TRUE(found) << tamper.name << ": expected " << tamper.kind << " at " << tamper.seq;
  }
}

// For a ledger file verify replays the last tenth of the events on a second thread; edits
// of rows made there, and of rows an event there updates, are named all the same.
TEST(VerifyTest, NamesEditsOfRowsMadeByTheLastEvents) {
  TempLedgerPath path;
  std::vector<std::string> claims;
  {
    auto wb = Open(path.str());
    const std::string source = wb->AddSource({"Courier", "outlet", {}, {}}).id;
    std::vector<NewClaim> batch;
    for (int i = 0; i < 30; ++i) {
      NewClaim claim{"Claim number " + std::to_string(i) + ".", source, {}, {}, {"tag"}};
      claim.verdict = NewVerdict{"true", "checked"};
      batch.push_back(claim);
    }
    claims = wb->AddClaims(batch);  // 62 events: genesis, source, 30 x (claim, verdict)
    EXPECT_TRUE(wb->Verify().ok);
  }
  const std::string pristine = testing_util::ReadFile(path.str());
  for (const std::string& claim : {claims.front(), claims.back()}) {
    const VerifyReport report = VerifyAfterEdit(
        path.str(), pristine, "UPDATE claims SET text = 'edited' WHERE id = '" + claim + "'");
    ASSERT_EQ(report.problems.size(), 1u) << claim;
    EXPECT_EQ(report.problems[0].kind, "projection-mismatch");
    EXPECT_NE(report.problems[0].detail.find("claims row " + claim), std::string::npos);
  }
  // The last claim's status as if an event had changed it; then an event that does.
  EXPECT_FALSE(
      VerifyAfterEdit(path.str(), pristine,
                      "UPDATE claims SET status = 'published' WHERE id = '" + claims.back() + "'")
          .ok);
  RestoreFile(path.str(), pristine);
  {
    auto wb = Open(path.str());
    wb->SetStatus(claims.front(), "published");  // the last tenth updates the first claim
    for (int i = 0; i < 5; ++i) wb->AddClaim({"More " + std::to_string(i), {}, {}, {}, {}});
    EXPECT_TRUE(wb->Verify().ok);
  }
  RawSql(path.str(), "UPDATE claims SET status = 'new' WHERE id = '" + claims.front() + "'");
  const VerifyReport report = Open(path.str())->Verify();
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_NE(report.problems[0].detail.find("claims row " + claims.front()), std::string::npos);
}

// A ledger file is verified in two halves on two threads: an edit of the chain must be
// reported the same wherever it falls, on either side of the middle or at it.
TEST(VerifyTest, ReportsChainEditsTheSameAtEveryEvent) {
  TempLedgerPath path;
  {
    auto wb = Open(path.str());
    for (int i = 0; i < 11; ++i) wb->AddClaim({"Claim " + std::to_string(i), {}, {}, {}, {}});
  }
  const std::int64_t head = 12;  // genesis and 11 claims
  const std::string pristine = testing_util::ReadFile(path.str());
  const auto chain_problems = [](const VerifyReport& report) {
    std::vector<std::string> found;
    for (const Problem& problem : report.problems) {
      if (problem.kind != "projection-mismatch") {
        found.push_back(problem.kind + "@" + std::to_string(problem.seq));
      }
    }
    return found;
  };
  const auto at = [](const char* kind, std::int64_t seq) {
    return std::string(kind) + "@" + std::to_string(seq);
  };
  const auto seq = [](std::int64_t value) { return std::to_string(value); };
  for (std::int64_t k = 2; k <= head; ++k) {
    SCOPED_TRACE("event " + seq(k));
    // Deleted: the next event finds a gap and a link to a hash it does not follow.
    const VerifyReport deleted =
        VerifyAfterEdit(path.str(), pristine, "DELETE FROM events WHERE seq = " + seq(k));
    std::vector<std::string> expected;
    if (k < head) expected = {at("gap", k + 1), at("broken-link", k + 1)};
    EXPECT_EQ(chain_problems(deleted), expected);
    EXPECT_EQ(deleted.events, head - 1);
    // Its hash changed: a mismatch there, and the next event no longer links to it.
    const VerifyReport rehashed = VerifyAfterEdit(
        path.str(), pristine,
        "UPDATE events SET hash = 'sha256:' || hex(randomblob(32)) WHERE seq = " + seq(k));
    expected = {at("hash-mismatch", k)};
    if (k < head) expected.push_back(at("broken-link", k + 1));
    EXPECT_EQ(chain_problems(rehashed), expected);
    // Its link changed: a broken link, and its hash no longer matches its contents.
    const VerifyReport relinked = VerifyAfterEdit(
        path.str(), pristine,
        "UPDATE events SET prev = 'sha256:' || hex(zeroblob(32)) WHERE seq = " + seq(k));
    expected = {at("broken-link", k), at("hash-mismatch", k)};
    EXPECT_EQ(chain_problems(relinked), expected);
    // Moved to the end: a gap where it was and where it is now.
    const VerifyReport moved =
        VerifyAfterEdit(path.str(), pristine, "UPDATE events SET seq = 100 WHERE seq = " + seq(k));
    expected.clear();
    if (k < head) expected = {at("gap", k + 1), at("broken-link", k + 1)};
    expected.push_back(at("gap", 100));
    if (k < head) expected.push_back(at("broken-link", 100));  // else it follows its prev
    expected.push_back(at("hash-mismatch", 100));
    EXPECT_EQ(chain_problems(moved), expected);
  }
}

// The stored tables are digested in ranges of rowids: rows anywhere in the 64-bit range
// are all counted, once (a rowid is not part of what a row holds, so verify stays ok).
TEST(VerifyTest, CountsRowsAtTheEndsOfTheRowidRange) {
  TempLedgerPath path;
  std::vector<std::string> claims;
  {
    auto wb = Open(path.str());
    for (int i = 0; i < 40; ++i) {
      claims.push_back(wb->AddClaim({"Claim " + std::to_string(i), {}, {}, {}, {"t"}}).id);
    }
  }
  const std::string pristine = testing_util::ReadFile(path.str());
  // A claim moved to another rowid, with its full-text and near-duplicate index rows, its tags
  // and its event references (all of which name claims by rowid): a consistent edit, which
  // verify must find nothing wrong with.
  const auto moved = [&](const std::string& claim, const char* rowid) {
    const std::string where = " WHERE id = '" + claim + "'";
    const std::string old_rowid = "(SELECT rowid FROM claims" + where + ")";
    std::string edit;
    for (const char* table :
         {"claim_lsh", "claim_lsh_recent", "claim_tags", "claim_refs", "verdicts"}) {
      edit += std::string("UPDATE ") + table + " SET claim = " + rowid +
              " WHERE claim = " + old_rowid + "; ";
    }
    return edit +
           "INSERT INTO claims_fts(claims_fts, rowid, text) SELECT 'delete', rowid, text "
           "FROM claims" +
           where + "; UPDATE claims SET rowid = " + rowid + where +
           "; INSERT INTO claims_fts(rowid, text) SELECT rowid, text FROM claims" + where + ";";
  };
  VerifyReport report =
      VerifyAfterEdit(path.str(), pristine,
                      moved(claims[0], "-9223372036854775808") +
                          moved(claims[1], "9223372036854775807") + moved(claims[2], "-1"));
  EXPECT_TRUE(report.ok) << (report.problems.empty() ? "" : report.problems[0].detail);
  // An edited row among them is still found.
  report = VerifyAfterEdit(path.str(), pristine,
                           moved(claims[0], "-9223372036854775808") +
                               moved(claims[1], "9223372036854775807") +
                               "UPDATE claims SET text = 'edited' WHERE id = '" + claims[1] + "';");
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_NE(report.problems[0].detail.find("claims row " + claims[1]), std::string::npos);
}

TEST(VerifyTest, CheckpointCatchesAConsistentRewrite) {
  TempLedgerPath path;
  Checkpoint checkpoint;
  {
    auto wb = Open(path.str());
    BuildDesk(*wb);
    checkpoint = wb->GetCheckpoint();
    EXPECT_TRUE(wb->Verify(checkpoint).ok);
  }
  // Remove the last event (and what it projected): the chain is still consistent.
  RawSql(
      path.str(),
      "DELETE FROM source_ratings; UPDATE sources SET reliability = NULL, reliability_at = NULL; "
      "DELETE FROM event_refs WHERE seq = (SELECT max(seq) FROM events); "
      "DELETE FROM source_refs WHERE seq = (SELECT max(seq) FROM events); "
      "DELETE FROM events WHERE seq = (SELECT max(seq) FROM events);");
  auto wb = Open(path.str());
  EXPECT_TRUE(wb->Verify().ok);
  const VerifyReport report = wb->Verify(checkpoint);
  ASSERT_FALSE(report.ok);
  EXPECT_EQ(report.problems.front().kind, "checkpoint-mismatch");
}

}  // namespace
}  // namespace claimledger
