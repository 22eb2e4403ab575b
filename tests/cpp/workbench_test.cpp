// The workbench facade end to end on a real SQLite file: every operation, bad input
// that writes nothing, reopening, and verify catching edits made behind its back.
#include "claimledger/workbench.h"

#include <gtest/gtest.h>

#include <functional>

#include "claimledger/error.h"
#include "claimledger/hash.h"
#include "test_util.h"

namespace claimledger {
namespace {

using testing_util::RawSql;
using testing_util::TempLedgerPath;

const char kArticle[] =
    "Seoul, 21 October 2024. The United States keeps approximately 28,500 troops in South "
    "Korea. The Korean War lasted from 1950 to 1953.";
const char kFactSheet[] = "About 28,500 U.S. service members are stationed in Korea.";

struct Desk {
  std::string reporter, outlet, article, factsheet, claim, evidence;
};

Desk BuildDesk(Workbench& wb) {
  Desk desk;
  desk.outlet = wb.AddSource({"Courier", "outlet", "https://courier.example.org", {}}).id;
  desk.reporter = wb.AddSource({"Chun In-bum", "person", {}, "ROK Army (retired)"}).id;
  desk.article = wb.AddSnapshot({kArticle, "https://courier.example.org/a", "Troops", desk.outlet,
                                 "2024-10-21", "2024-10-22T08:15:00Z"})
                     .hash;
  desk.factsheet = wb.AddSnapshot({kFactSheet, {}, {}, {}, {}, {}}).hash;
  desk.claim = wb.AddClaim({"About 28,500 US troops are in South Korea.",
                            desk.outlet,
                            desk.article,
                            "approximately 28,500 troops",
                            {"military", "korea"}})
                   .id;
  desk.evidence = wb.LinkEvidence({desk.claim, desk.factsheet, "About 28,500 U.S. service members",
                                   "supports", "fact sheet"})
                      .id;
  wb.SetVerdict(desk.claim, "mixed", "first look", {});
  wb.SetVerdict(desk.claim, "true", "the fact sheet agrees", {desk.evidence});
  wb.SetStatus(desk.claim, "published");
  wb.RateSource(desk.outlet, "B", "usually reliable");
  return desk;
}

std::unique_ptr<Workbench> Open(const std::string& path, const std::string& actor = "alice") {
  WorkbenchOptions options;
  options.actor = actor;
  return Workbench::Open(path, options);
}

TEST(WorkbenchTest, RecordsADeskAndReadsItBack) {
  auto wb = Open(":memory:");
  const Desk desk = BuildDesk(*wb);

  const Claim claim = wb->GetClaim(desk.claim);
  EXPECT_EQ(claim.text, "About 28,500 US troops are in South Korea.");
  EXPECT_EQ(claim.status, "published");
  EXPECT_EQ(claim.tags, (std::vector<std::string>{"korea", "military"}));
  ASSERT_TRUE(claim.verdict);
  EXPECT_EQ(claim.verdict->rating, "true");
  EXPECT_EQ(claim.verdict->evidence, std::vector<std::string>{desk.evidence});
  EXPECT_EQ(claim.verdict->origin.actor, "alice");
  ASSERT_EQ(claim.appearances.size(), 1u);
  EXPECT_EQ(claim.appearances[0].snapshot, desk.article);
  EXPECT_EQ(claim.appearances[0].start, 48u);
  EXPECT_EQ(claim.appearances[0].prefix.substr(claim.appearances[0].prefix.size() - 6), "keeps ");
  ASSERT_FALSE(claim.quantities.empty());
  EXPECT_EQ(claim.quantities[0].value, 28500);

  EXPECT_EQ(wb->Verdicts(desk.claim).size(), 2u);  // the revision appended, nothing lost
  EXPECT_EQ(wb->GetSource(desk.outlet).reliability, "B");
  EXPECT_EQ(wb->GetSnapshot(desk.article).published, "2024-10-21");
  EXPECT_EQ(wb->GetSnapshot(desk.article).retrieved, "2024-10-22T08:15:00.000000Z");
  EXPECT_EQ(wb->SnapshotContent(desk.article), kArticle);
  EXPECT_EQ(wb->GetEvidence(desk.evidence).quote.exact, "About 28,500 U.S. service members");
  EXPECT_EQ(desk.claim.substr(0, 4), "clm_");
  EXPECT_EQ(desk.claim.size(), 20u);  // 64 bits of the creating event's hash

  const auto history = wb->History(desk.claim);
  std::vector<std::string> types;
  for (const Event& event : history) types.push_back(event.type);
  EXPECT_EQ(types, (std::vector<std::string>{"claim.added", "evidence.linked", "verdict.set",
                                             "verdict.set", "status.set"}));
  EXPECT_TRUE(wb->Verify().ok);
}

TEST(WorkbenchTest, FiltersClaims) {
  auto wb = Open(":memory:");
  const Desk desk = BuildDesk(*wb);
  const std::string other =
      wb->AddClaim({"The war ended in 1953.", desk.reporter, {}, {}, {"history"}}).id;
  EXPECT_EQ(wb->Claims({}).size(), 2u);
  EXPECT_EQ(wb->Claims({"published", {}, {}, {}, -1}).size(), 1u);
  EXPECT_EQ(wb->Claims({{}, "true", {}, {}, -1}).front().id, desk.claim);
  EXPECT_EQ(wb->Claims({{}, {}, desk.reporter, {}, -1}).front().id, other);
  EXPECT_EQ(wb->Claims({{}, {}, {}, "history", -1}).front().id, other);
  EXPECT_EQ(wb->Claims({{}, {}, {}, {}, 1}).size(), 1u);
  EXPECT_TRUE(wb->Claims({"new", "false", {}, {}, -1}).empty());
}

TEST(WorkbenchTest, SnapshotsAreStoredOncePerContent) {
  auto wb = Open(":memory:");
  const auto first = wb->AddSnapshot({kArticle, "https://a.example.org", {}, {}, {}, {}});
  const std::int64_t events = wb->EventCount();
  const auto again = wb->AddSnapshot({kArticle, "https://b.example.org", {}, {}, {}, {}});
  EXPECT_EQ(first.hash, again.hash);
  EXPECT_EQ(again.url, "https://a.example.org");
  EXPECT_EQ(wb->EventCount(), events);
  EXPECT_EQ(first.hash, ContentId(kArticle));
  EXPECT_EQ(first.sha256, Sha256(kArticle));
}

TEST(WorkbenchTest, ReopeningShowsTheSameStateAndHistory) {
  TempLedgerPath path;
  Desk desk;
  std::string identity;
  std::vector<Event> events;
  {
    auto wb = Open(path.str());
    desk = BuildDesk(*wb);
    identity = wb->identity();
    events = wb->Events();
  }
  auto wb = Open(path.str(), "bob");
  EXPECT_EQ(wb->identity(), identity);
  const auto reopened = wb->Events();
  ASSERT_EQ(reopened.size(), events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(reopened[i].hash, events[i].hash);
    EXPECT_EQ(reopened[i].data, events[i].data);
  }
  EXPECT_EQ(wb->GetClaim(desk.claim).verdict->rating, "true");
  EXPECT_TRUE(wb->Verify().ok);
  wb->SetStatus(desk.claim, "in-progress");
  EXPECT_EQ(wb->History(desk.claim).back().actor, "bob");
}

TEST(WorkbenchTest, ScaleIsFixedAtCreation) {
  TempLedgerPath path;
  {
    WorkbenchOptions options;
    options.scale = "politifact";
    auto wb = Workbench::Open(path.str(), options);
    EXPECT_EQ(wb->scale().name, "politifact");
  }
  auto wb = Open(path.str());  // asks for the default scale; the ledger keeps its own
  EXPECT_EQ(wb->scale().name, "politifact");
  const std::string claim = wb->AddClaim({"Pants on fire.", {}, {}, {}, {}}).id;
  EXPECT_EQ(wb->SetVerdict(claim, "pants-fire", "no", {}).rating, "pants-fire");
  EXPECT_THROW(wb->SetVerdict(claim, "mixed", "no", {}), Error);
}

// --- bad input: the documented error, and nothing written ---------------------------------

struct BadInput {
  const char* name;
  Code code;
  const char* id;
  std::function<void(Workbench&, const Desk&)> call;
};

TEST(WorkbenchTest, BadInputRaisesAndWritesNothing) {
  const std::vector<BadInput> cases = {
      {"empty claim", Code::kInvalidInput, "claimledger.input.empty",
       [](Workbench& wb, const Desk&) {
         wb.AddClaim({"   \n", {}, {}, {}, {}});
       }},
      {"unknown claimant", Code::kNotFound, "claimledger.source.not_found",
       [](Workbench& wb, const Desk&) {
         wb.AddClaim({"x", "src_0000000000000000", {}, {}, {}});
       }},
      {"unknown claim", Code::kNotFound, "claimledger.claim.not_found",
       [](Workbench& wb, const Desk&) { wb.SetVerdict("clm_nope", "true", "r", {}); }},
      {"unknown snapshot", Code::kNotFound, "claimledger.snapshot.not_found",
       [](Workbench& wb, const Desk& d) {
         wb.LinkEvidence({d.claim, "xxh3-128:" + std::string(32, '0'), "q", "supports", {}});
       }},
      {"unknown evidence", Code::kNotFound, "claimledger.evidence.not_found",
       [](Workbench& wb, const Desk& d) { wb.SetVerdict(d.claim, "true", "r", {"evd_x"}); }},
      {"rating off the scale", Code::kInvalidInput, "claimledger.verdict.unknown_rating",
       [](Workbench& wb, const Desk& d) { wb.SetVerdict(d.claim, "pants-fire", "r", {}); }},
      {"unknown stance", Code::kInvalidInput, "claimledger.stance.unknown",
       [](Workbench& wb, const Desk& d) {
         wb.LinkEvidence({d.claim, d.factsheet, "About", "agrees", {}});
       }},
      {"unknown status", Code::kInvalidInput, "claimledger.status.unknown",
       [](Workbench& wb, const Desk& d) { wb.SetStatus(d.claim, "done"); }},
      {"backwards status", Code::kInvalidInput, "claimledger.status.transition",
       [](Workbench& wb, const Desk& d) { wb.SetStatus(d.claim, "new"); }},
      {"quote not in snapshot", Code::kAnchor, "claimledger.anchor.not_found",
       [](Workbench& wb, const Desk& d) {
         wb.LinkEvidence({d.claim, d.factsheet, "29,000 troops", "supports", {}});
       }},
      {"claim quote not in snapshot", Code::kAnchor, "claimledger.anchor.not_found",
       [](Workbench& wb, const Desk& d) {
         wb.AddClaim({"x", {}, d.article, "nowhere", {}});
       }},
      {"invalid UTF-8", Code::kInvalidInput, "claimledger.input.utf8",
       [](Workbench& wb, const Desk&) {
         wb.AddClaim({"bad \xff byte", {}, {}, {}, {}});
       }},
      {"bad date", Code::kInvalidInput, "claimledger.input.date",
       [](Workbench& wb, const Desk&) {
         wb.AddSnapshot({"new text", {}, {}, {}, "21/10/2024", {}});
       }},
      {"unknown source kind", Code::kInvalidInput, "claimledger.source.unknown_kind",
       [](Workbench& wb, const Desk&) {
         wb.AddSource({"X", "blog", {}, {}});
       }},
      {"bad grade", Code::kInvalidInput, "claimledger.rating.unknown_grade",
       [](Workbench& wb, const Desk& d) { wb.RateSource(d.outlet, "Z", "r"); }},
      {"empty rationale", Code::kInvalidInput, "claimledger.input.empty",
       [](Workbench& wb, const Desk& d) { wb.SetVerdict(d.claim, "true", " ", {}); }},
      {"batch with one bad record", Code::kInvalidInput, "claimledger.input.empty",
       [](Workbench& wb, const Desk&) {
         wb.AddClaims({{"good one", {}, {}, {}, {}}, {"", {}, {}, {}, {}}});
       }},
  };
  auto wb = Open(":memory:");
  const Desk desk = BuildDesk(*wb);
  const std::int64_t events = wb->EventCount();
  for (const BadInput& bad : cases) {
    try {
      bad.call(*wb, desk);
      ADD_FAILURE() << bad.name << ": no error";
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), bad.code) << bad.name << ": " << error.what();
      EXPECT_EQ(error.id(), bad.id) << bad.name << ": " << error.what();
    }
    EXPECT_EQ(wb->EventCount(), events) << bad.name << " wrote something";
  }
  EXPECT_EQ(wb->Claims({}).size(), 1u);
  EXPECT_TRUE(wb->Verify().ok);
}

TEST(WorkbenchTest, BatchErrorNamesTheRecord) {
  auto wb = Open(":memory:");
  try {
    wb->AddClaims({{"one", {}, {}, {}, {}}, {"two", {}, {}, {}, {}}, {" ", {}, {}, {}, {}}});
    FAIL();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("claims[2]"), std::string::npos) << error.what();
  }
  EXPECT_TRUE(wb->Claims({}).empty());
  EXPECT_EQ(wb->AddClaims({{"one", {}, {}, {}, {}}, {"two", {}, {}, {}, {}}}).size(), 2u);
}

TEST(WorkbenchTest, PublishingNeedsAVerdict) {
  auto wb = Open(":memory:");
  const std::string claim = wb->AddClaim({"Unchecked.", {}, {}, {}, {}}).id;
  EXPECT_THROW(wb->SetStatus(claim, "published"), Error);
  EXPECT_EQ(wb->SetStatus(claim, "in-progress").status, "in-progress");
}

// --- files ----------------------------------------------------------------------------------

TEST(WorkbenchTest, AFileThatIsNotALedgerIsRefusedAndLeftAlone) {
  TempLedgerPath path;
  {
    std::ofstream out(path.str(), std::ios::binary);
    out << "plain text, not a database at all";
  }
  const std::string before = testing_util::ReadFile(path.str());
  try {
    Open(path.str());
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Code::kStorage);
    EXPECT_EQ(error.id(), "claimledger.store.not_a_ledger");
  }
  EXPECT_EQ(testing_util::ReadFile(path.str()), before);
}

TEST(WorkbenchTest, AnotherSqliteDatabaseIsRefusedAndLeftAlone) {
  TempLedgerPath path;
  RawSql(path.str(), "CREATE TABLE notes(x); INSERT INTO notes VALUES (1);");
  const std::string before = testing_util::ReadFile(path.str());
  EXPECT_THROW(Open(path.str()), Error);
  EXPECT_EQ(testing_util::ReadFile(path.str()), before);
}

TEST(WorkbenchTest, ANewerSchemaIsRefused) {
  TempLedgerPath path;
  Open(path.str());
  RawSql(path.str(), "PRAGMA user_version = 99;");
  try {
    Open(path.str());
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.id(), "claimledger.store.newer_schema");
    EXPECT_NE(std::string(error.what()).find("99"), std::string::npos);
  }
}

TEST(WorkbenchTest, MissingFileWithoutCreateIsNotFound) {
  TempLedgerPath path;
  WorkbenchOptions options;
  options.create = false;
  try {
    Workbench::Open(path.str(), options);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Code::kNotFound);
  }
}

TEST(WorkbenchTest, TwoHandlesOnOneFileKeepOneChain) {
  TempLedgerPath path;
  auto a = Open(path.str(), "alice");
  auto b = Open(path.str(), "bob");
  for (int i = 0; i < 20; ++i) {
    (i % 2 ? a : b)->AddClaim({"claim " + std::to_string(i), {}, {}, {}, {}});
  }
  EXPECT_EQ(a->EventCount(), 21);
  EXPECT_EQ(a->identity(), b->identity());
  EXPECT_TRUE(b->Verify().ok);
}

// --- verify catches edits behind the ledger's back -------------------------------------------

struct Tamper {
  const char* name;
  std::string sql;
  const char* kind;
  std::int64_t seq;  // -1: any
};

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

TEST(WorkbenchTest, VerifyReportsEachTamperingAtItsPlace) {
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
TEST(WorkbenchTest, VerifyNamesEditsOfRowsMadeByTheLastEvents) {
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
TEST(WorkbenchTest, VerifyReportsChainEditsTheSameAtEveryEvent) {
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
TEST(WorkbenchTest, VerifyCountsRowsAtTheEndsOfTheRowidRange) {
  TempLedgerPath path;
  std::vector<std::string> claims;
  {
    auto wb = Open(path.str());
    for (int i = 0; i < 40; ++i) {
      claims.push_back(wb->AddClaim({"Claim " + std::to_string(i), {}, {}, {}, {"t"}}).id);
    }
  }
  const std::string pristine = testing_util::ReadFile(path.str());
  const auto moved = [&](const std::string& claim, const char* rowid) {
    return "UPDATE claims SET rowid = " + std::string(rowid) + " WHERE id = '" + claim + "';";
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

TEST(WorkbenchTest, CheckpointCatchesAConsistentRewrite) {
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
      "DELETE FROM events WHERE seq = (SELECT max(seq) FROM events);");
  auto wb = Open(path.str());
  EXPECT_TRUE(wb->Verify().ok);
  const VerifyReport report = wb->Verify(checkpoint);
  ASSERT_FALSE(report.ok);
  EXPECT_EQ(report.problems.front().kind, "checkpoint-mismatch");
}

// --- loading: refs make reloads idempotent; verdicts travel with claims ---------------

TEST(WorkbenchTest, RefsMakeLoadingTwiceAddNothing) {
  WorkbenchOptions options;
  options.scale = "politifact";
  auto wb = Workbench::Open(":memory:", options);
  NewSource speaker{"Dwayne Bohac",
                    "person",
                    {},
                    {},
                    "liar:speaker:dwayne-bohac",
                    {{"job", "State representative"}, {"state", "Texas"}}};
  const std::string first = wb->AddSources({speaker}).front();
  NewClaim claim{"Says the group supports abortions on demand.", first, {}, {}, {"abortion"}};
  claim.ref = "liar:2635.json";
  claim.context = "a mailer";
  claim.provenance = {{"dataset", "liar"}, {"line", 1}};
  claim.verdict = NewVerdict{"false", "PolitiFact rated it false"};
  const std::vector<std::string> ids = wb->AddClaims({claim});
  const std::int64_t events = wb->EventCount();
  EXPECT_EQ(events, 4);  // genesis, source, claim, verdict

  EXPECT_EQ(wb->AddSources({speaker}).front(), first);
  EXPECT_EQ(wb->AddClaims({claim}), ids);
  EXPECT_EQ(wb->EventCount(), events);

  const Claim stored = wb->GetClaim(ids.front());
  EXPECT_EQ(stored.verdict->rating, "false");
  EXPECT_EQ(stored.context, "a mailer");
  EXPECT_EQ(stored.ref, "liar:2635.json");
  EXPECT_EQ(stored.provenance["line"], 1);
  EXPECT_EQ(wb->GetSource(first).attributes["state"], "Texas");
  EXPECT_TRUE(wb->Verify().ok);
}

TEST(WorkbenchTest, ABadVerdictInABatchWritesNothing) {
  auto wb = Open(":memory:");
  NewClaim good{"One.", {}, {}, {}, {}};
  good.verdict = NewVerdict{"true", "fine"};
  NewClaim bad{"Two.", {}, {}, {}, {}};
  bad.verdict = NewVerdict{"pants-fire", "not on this scale"};
  EXPECT_THROW(wb->AddClaims({good, bad}), Error);
  EXPECT_EQ(wb->EventCount(), 1);
  NewClaim bad_provenance{"Three.", {}, {}, {}, {}};
  bad_provenance.provenance = {{"score", 1.5}};
  EXPECT_THROW(wb->AddClaims({bad_provenance}), Error);
  EXPECT_EQ(wb->EventCount(), 1);
}

TEST(WorkbenchTest, TrackRecordsCountCurrentVerdictsOfEachClaimant) {
  auto wb = Open(":memory:");
  const std::string a = wb->AddSource({"A", "person", {}, {}}).id;
  const std::string b = wb->AddSource({"B", "person", {}, {}}).id;
  std::vector<NewClaim> claims;
  for (const char* rating : {"true", "true", "false", "unproven"}) {
    NewClaim claim{std::string("A says ") + rating, a, {}, {}, {}};
    claim.date = "2021-05-01";
    claim.verdict = NewVerdict{rating, "checked"};
    claims.push_back(claim);
  }
  NewClaim by_b{"B says so", b, {}, {}, {}};
  by_b.verdict = NewVerdict{"mixed", "checked"};
  claims.push_back(by_b);
  const auto ids = wb->AddClaims(claims);
  wb->SetVerdict(ids[2], "mostly-false", "revised", {});  // only the current verdict counts

  const TrackRecord record = wb->GetTrackRecord(a);
  EXPECT_EQ(record.verdicts, 4);
  EXPECT_EQ(record.rated, 3);
  EXPECT_EQ(record.counts.count("false"), 0u);
  EXPECT_EQ(record.counts.at("mostly-false"), 1);
  EXPECT_NEAR(record.score, (1 + 2.25) / (2 + 3.0), 1e-12);  // 1 + 1 + 0.25 successes
  ASSERT_EQ(record.by_year.size(), 1u);
  EXPECT_EQ(record.by_year[0].year, 2021);

  const auto all = wb->TrackRecords();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_THROW(wb->GetTrackRecord("src_nope"), Error);
}

TEST(WorkbenchTest, SearchFindsClaimsByTheirWords) {
  auto wb = Open(":memory:");
  const std::string korea =
      wb->AddClaim({"About 28,500 US troops are in South Korea.", {}, {}, {}, {"military"}}).id;
  const std::string seoul =
      wb->AddClaim({"Moscow recognised Séoul in 1990.", {}, {}, {}, {"history"}}).id;
  wb->AddClaim({"Troop numbers in Europe fell.", {}, {}, {}, {}});
  wb->SetVerdict(korea, "true", "fact sheet", {});

  auto hits = wb->Search("TROOPS korea");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].claim, korea);
  EXPECT_NE(hits[0].snippet.find("[troops]"), std::string::npos) << hits[0].snippet;
  EXPECT_EQ(wb->Search("seoul").front().claim, seoul);  // accents folded
  EXPECT_EQ(wb->Search("korea europe", {}, {}, {}, /*match_any=*/true).size(), 2u);
  EXPECT_EQ(wb->Search("troops", {{}, "true", {}, {}, -1}).size(), 1u);
  EXPECT_TRUE(wb->Search("troops", {{}, {}, {}, "history", -1}).empty());
  EXPECT_TRUE(wb->Search("korea", {}, "2999-01-01").empty());
  EXPECT_EQ(wb->Search("\"korea\" (*) :^").size(), 1u);  // query syntax is just text
  EXPECT_TRUE(wb->Search("korea NOT").empty());          // "not" is a word to find
  EXPECT_THROW(wb->Search(" ?! "), Error);
  wb->Rebuild();
  EXPECT_EQ(wb->Search("moscow").front().claim, seoul);
  EXPECT_EQ(wb->AsOf(2)->Search("korea").size(), 1u);
  EXPECT_TRUE(wb->AsOf(2)->Search("moscow").empty());
}

TEST(WorkbenchTest, SearchSnapshotsFindsDocumentsByTheirWords) {
  auto wb = Open(":memory:");
  const std::string fact_sheet =
      wb->AddSnapshot({"United States Forces Korea: about 28,500 service members are "
                       "stationed on the peninsula.",
                       "https://example.org/usfk"})
          .hash;
  const std::string brief =
      wb->AddSnapshot({"The armistice of 1953 ended the fighting in Korea; no peace treaty "
                       "followed.",
                       "https://example.org/brief"})
          .hash;
  wb->AddSnapshot({"\x89PNG\r\n\x1a\n korea \xff\xfe"});  // not UTF-8 text: not indexed

  auto hits = wb->SearchSnapshots("KOREA");
  ASSERT_EQ(hits.size(), 2u);  // the two texts, not the image
  hits = wb->SearchSnapshots("stationed korea");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].snapshot, fact_sheet);
  EXPECT_NE(hits[0].snippet.find("[stationed]"), std::string::npos) << hits[0].snippet;
  EXPECT_EQ(wb->SearchSnapshots("treaty peninsula", 10, /*match_any=*/true).size(), 2u);
  EXPECT_EQ(wb->SearchSnapshots("korea", 1).size(), 1u);
  EXPECT_THROW(wb->SearchSnapshots("korea", 0), Error);
  EXPECT_THROW(wb->SearchSnapshots(" ?! "), Error);
  EXPECT_TRUE(wb->Search("armistice").empty());  // claims and snapshots are apart
  wb->Rebuild();
  EXPECT_EQ(wb->SearchSnapshots("armistice").front().snapshot, brief);
  EXPECT_EQ(wb->AsOf(2)->SearchSnapshots("korea").size(), 1u);
}

}  // namespace
}  // namespace claimledger
