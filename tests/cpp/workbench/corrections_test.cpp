// Corrections on both stores: retracting a claim, unlinking evidence, correcting a claim's
// text or claimant, merging two sources that are the same, and finding a source by name. Each
// is one event with its reason, shown in the history; bad input writes nothing; verify(),
// rebuild, views of the past, bundles and merges between desks see the same state.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "claimledger/error.h"
#include "claimledger/workbench.h"
#include "test_util.h"

namespace claimledger {
namespace {

using testing_util::NewDeskUrl;
using testing_util::TempLedgerPath;

constexpr const char* kArticle =
    "Seoul keeps approximately 28,500 troops. The minister said 30,000 troops would stay. "
    "A spokesman for the army denied it.";

// The data of the last event of `type` in an entity's history.
nlohmann::json LastOfType(Workbench& wb, const std::string& id, const std::string& type) {
  nlohmann::json data;
  for (const Event& event : wb.History(id)) {
    if (event.type == type) data = nlohmann::json::parse(event.data);
  }
  return data;
}

std::vector<std::string> Ids(const std::vector<Claim>& claims) {
  std::vector<std::string> ids;
  for (const Claim& claim : claims) ids.push_back(claim.id);
  return ids;
}

// Runs `write`, expects Error with `id` and nothing appended.
template <typename Write>
void ExpectRefused(Workbench& wb, const std::string& id, Write write) {
  const std::int64_t events = wb.EventCount();
  try {
    write();
    ADD_FAILURE() << "accepted; expected " << id;
  } catch (const Error& error) {
    EXPECT_EQ(error.id(), id) << error.what();
  }
  EXPECT_EQ(wb.EventCount(), events);
}

class CorrectionsTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    location_ = std::string(GetParam()) == "postgresql" ? NewDeskUrl() : file_.str();
    ASSERT_FALSE(location_.empty());
    WorkbenchOptions options;
    options.actor = "alice";
    wb_ = Workbench::Open(location_, options);
    minister_ = wb_->AddSource({"Kim Min-su", "person", {}, {}}).id;
    snapshot_ = wb_->AddSnapshot({kArticle, {}, {}, {}, {}, {}}).hash;
    claim_ =
        wb_->AddClaim({"Seoul keeps approximately 28,500 troops.", minister_, snapshot_, {}, {}})
            .id;
  }
  // The state a reader sees, for comparing desks and views.
  std::string State(Workbench& wb) {
    std::string state;
    for (const Claim& claim : wb.Claims()) {
      state += claim.id + " " + claim.text + " " + claim.status + " " +
               claim.claimant.value_or("-") + " " + std::to_string(claim.quantities.size()) + "\n";
      for (const Evidence& evidence : wb.EvidenceFor(claim.id)) state += " " + evidence.id + "\n";
    }
    for (const Source& source : wb.Sources()) {
      state += source.id + " " + source.alias_of.value_or("-") + "\n";
    }
    return state;
  }
  TempLedgerPath file_;
  std::string location_;
  std::unique_ptr<Workbench> wb_;
  std::string minister_, snapshot_, claim_;
};

TEST_P(CorrectionsTest, ARetractedClaimIsKeptWithItsReasonAndReopenedOnlyOnPurpose) {
  wb_->SetVerdict(claim_, "true", "the fact sheet says so", {});
  wb_->SetStatus(claim_, "published");
  const std::int64_t before = wb_->EventCount();
  ExpectRefused(*wb_, "claimledger.correction.no_reason", [&] { wb_->Retract(claim_, "  "); });
  ExpectRefused(*wb_, "claimledger.claim.not_found",
                [&] { wb_->Retract("clm_0000000000000000", "why"); });

  const Claim retracted = wb_->Retract(claim_, "the minister never said it");
  EXPECT_EQ(retracted.status, "retracted");
  EXPECT_EQ(wb_->EventCount(), before + 1);
  const nlohmann::json event = LastOfType(*wb_, claim_, "claim.retracted");
  EXPECT_EQ(event["reason"], "the minister never said it");
  EXPECT_EQ(event["from"], "published");
  EXPECT_EQ(wb_->Retract(claim_, "again").status, "retracted");  // already: nothing appended
  EXPECT_EQ(wb_->EventCount(), before + 1);

  // Still listed with its status; no work on it until it is reopened.
  ClaimFilter only_retracted;
  only_retracted.status = "retracted";
  EXPECT_EQ(Ids(wb_->Claims(only_retracted)), std::vector<std::string>{claim_});
  ASSERT_EQ(wb_->Search("troops", only_retracted).size(), 1u);
  ExpectRefused(*wb_, "claimledger.claim.retracted",
                [&] { wb_->SetVerdict(claim_, "false", "no", {}); });
  ExpectRefused(*wb_, "claimledger.status.retracted", [&] { wb_->SetStatus(claim_, "published"); });
  ExpectRefused(*wb_, "claimledger.claim.retracted",
                [&] { wb_->CorrectClaim(claim_, "Other words.", {}, "typo"); });
  // Its verdict no longer counts for the claimant.
  EXPECT_EQ(wb_->GetTrackRecord(minister_).verdicts, 0);

  EXPECT_EQ(wb_->SetStatus(claim_, "in-progress").status, "in-progress");
  EXPECT_EQ(wb_->GetTrackRecord(minister_).verdicts, 1);
  EXPECT_EQ(wb_->SetStatus(claim_, "published").status, "published");
  EXPECT_TRUE(wb_->Verify().ok);
  EXPECT_EQ(wb_->AsOf(before + 1)->GetClaim(claim_).status, "retracted");
  EXPECT_EQ(wb_->AsOf(before)->GetClaim(claim_).status, "published");
}

TEST_P(CorrectionsTest, UnlinkedEvidenceStopsCountingAndItsVerdictKeepsIt) {
  const Evidence evidence =
      wb_->LinkEvidence({claim_, snapshot_, "approximately 28,500 troops", "supports"});
  wb_->SetVerdict(claim_, "true", "the article says so", {evidence.id});
  ExpectRefused(*wb_, "claimledger.correction.no_reason",
                [&] { wb_->UnlinkEvidence(evidence.id, ""); });
  ExpectRefused(*wb_, "claimledger.evidence.not_found",
                [&] { wb_->UnlinkEvidence("evd_0000000000000000", "why"); });

  const Evidence unlinked = wb_->UnlinkEvidence(evidence.id, "the quote is about 2019");
  EXPECT_EQ(unlinked.unlinked, "the quote is about 2019");
  EXPECT_TRUE(wb_->EvidenceFor(claim_).empty());
  EXPECT_EQ(wb_->GetEvidence(evidence.id).unlinked, "the quote is about 2019");
  EXPECT_EQ(LastOfType(*wb_, evidence.id, "evidence.unlinked")["claim"], claim_);
  EXPECT_EQ(LastOfType(*wb_, claim_, "evidence.unlinked")["evidence"], evidence.id);
  ExpectRefused(*wb_, "claimledger.verdict.unlinked_evidence",
                [&] { wb_->SetVerdict(claim_, "true", "again", {evidence.id}); });
  // The verdict that cited it keeps it.
  EXPECT_EQ(wb_->GetClaim(claim_).verdict->evidence, std::vector<std::string>{evidence.id});
  // The same quote linked again is new evidence.
  const Evidence again =
      wb_->LinkEvidence({claim_, snapshot_, "approximately 28,500 troops", "supports"});
  EXPECT_NE(again.id, evidence.id);
  EXPECT_EQ(wb_->EvidenceFor(claim_).size(), 1u);
  EXPECT_TRUE(wb_->Verify().ok);
}

TEST_P(CorrectionsTest, ACorrectedTextKeepsTheOldInHistoryAndIsSearchedByItsNewWords) {
  ExpectRefused(*wb_, "claimledger.correction.nothing",
                [&] { wb_->CorrectClaim(claim_, {}, {}, "nothing"); });
  ExpectRefused(*wb_, "claimledger.correction.no_reason",
                [&] { wb_->CorrectClaim(claim_, "Other.", {}, " "); });
  // The appearance was quoted as the claim's own text: the new text must be in the snapshot.
  ExpectRefused(*wb_, "claimledger.anchor.not_found", [&] {
    wb_->CorrectClaim(claim_, "Seoul keeps about 29,000 soldiers.", {}, "figure");
  });

  const Claim corrected =
      wb_->CorrectClaim(claim_, "The minister said 30,000 troops would stay.", {}, "misquoted");
  EXPECT_EQ(corrected.text, "The minister said 30,000 troops would stay.");
  ASSERT_EQ(corrected.quantities.size(), 1u);
  EXPECT_EQ(corrected.quantities[0].value, 30000.0);
  ASSERT_EQ(corrected.appearances.size(), 1u);  // re-anchored on the new text
  EXPECT_EQ(corrected.appearances[0].exact, "The minister said 30,000 troops would stay.");
  const nlohmann::json event = LastOfType(*wb_, claim_, "claim.corrected");
  EXPECT_EQ(event["from"]["text"], "Seoul keeps approximately 28,500 troops.");
  EXPECT_EQ(event["reason"], "misquoted");
  EXPECT_EQ(wb_->GetClaim(claim_).text, corrected.text);

  // The searches follow the new text.
  const std::vector<SearchHit> found = wb_->Search("minister stay");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].claim, claim_);
  EXPECT_TRUE(wb_->Search("approximately").empty());
  const std::vector<SimilarHit> similar =
      wb_->Similar("The minister said 30,000 troops would stay");
  ASSERT_FALSE(similar.empty());
  EXPECT_EQ(similar[0].claim, claim_);
  EXPECT_GT(similar[0].score, 0.9);

  // An explicit quote: the words of the snapshot the claim stands on.
  const Claim paraphrased =
      wb_->CorrectClaim(claim_, "30,000 troops stay, says the minister.", {}, "paraphrase",
                        std::string("The minister said 30,000 troops would stay."));
  EXPECT_EQ(paraphrased.appearances[0].exact, "The minister said 30,000 troops would stay.");
  // The same correction again records nothing.
  const std::int64_t events = wb_->EventCount();
  wb_->CorrectClaim(claim_, "30,000 troops stay, says the minister.", {}, "paraphrase");
  EXPECT_EQ(wb_->EventCount(), events);
  EXPECT_TRUE(wb_->Verify().ok);
  EXPECT_EQ(wb_->Rebuild(), wb_->EventCount());
  EXPECT_EQ(wb_->GetClaim(claim_).text, "30,000 troops stay, says the minister.");
}

TEST_P(CorrectionsTest, ACorrectedClaimantTakesTheClaimAndItsVerdictAlong) {
  const std::string army = wb_->AddSource({"Army spokesman", "person", {}, {}}).id;
  wb_->SetVerdict(claim_, "false", "the figure is 28,500", {});
  const Claim corrected = wb_->CorrectClaim(claim_, {}, "army spokesman", "misattributed");
  EXPECT_EQ(corrected.claimant, army);
  EXPECT_EQ(LastOfType(*wb_, claim_, "claim.corrected")["from"]["claimant"], minister_);
  ClaimFilter by_army;
  by_army.claimant = army;
  EXPECT_EQ(Ids(wb_->Claims(by_army)), std::vector<std::string>{claim_});
  const std::string later = wb_->AddClaim({"The army denied it.", army, {}, {}, {}}).id;
  EXPECT_EQ(Ids(wb_->Claims(by_army)), (std::vector<std::string>{claim_, later}));
  by_army.limit = 1;  // the oldest first, the corrected claim among them
  EXPECT_EQ(Ids(wb_->Claims(by_army)), std::vector<std::string>{claim_});
  ClaimFilter by_minister;
  by_minister.claimant = minister_;
  EXPECT_TRUE(wb_->Claims(by_minister).empty());
  EXPECT_EQ(wb_->GetTrackRecord(army).verdicts, 1);
  EXPECT_EQ(wb_->GetTrackRecord(minister_).verdicts, 0);
  EXPECT_TRUE(wb_->Verify().ok);
}

TEST_P(CorrectionsTest, AMergedSourceIsAnAliasWhoseClaimsAndRatingsFollow) {
  const std::string duplicate = wb_->AddSource({"Min-su Kim", "person", {}, {}}).id;
  const std::string other = wb_->AddClaim({"Thirty thousand stay.", duplicate, {}, {}, {}}).id;
  wb_->SetVerdict(other, "false", "no", {});
  wb_->SetVerdict(claim_, "true", "yes", {});
  wb_->RateSource(duplicate, "C", "mixed record");
  ExpectRefused(*wb_, "claimledger.source.merge_self",
                [&] { wb_->MergeSources(minister_, minister_, "same"); });
  ExpectRefused(*wb_, "claimledger.correction.no_reason",
                [&] { wb_->MergeSources(duplicate, minister_, ""); });
  ExpectRefused(*wb_, "claimledger.source.not_found",
                [&] { wb_->MergeSources("src_0000000000000000", minister_, "same"); });

  const Source alias = wb_->MergeSources(duplicate, minister_, "the same person, names reversed");
  EXPECT_EQ(alias.alias_of, minister_);
  EXPECT_EQ(wb_->GetSource(duplicate).alias_of, minister_);
  EXPECT_FALSE(wb_->GetSource(minister_).alias_of);
  EXPECT_EQ(wb_->GetSource(minister_).reliability, "C");  // the alias's rating follows
  EXPECT_EQ(LastOfType(*wb_, duplicate, "source.merged")["reason"],
            "the same person, names reversed");
  // No chains, no merging twice.
  const std::string third = wb_->AddSource({"K. Min-su", "person", {}, {}}).id;
  ExpectRefused(*wb_, "claimledger.source.merge_alias",
                [&] { wb_->MergeSources(third, duplicate, "same"); });
  ExpectRefused(*wb_, "claimledger.source.merge_alias",
                [&] { wb_->MergeSources(duplicate, third, "same"); });

  for (const std::string& id : {minister_, duplicate}) {
    ClaimFilter filter;
    filter.claimant = id;
    EXPECT_EQ(Ids(wb_->Claims(filter)), (std::vector<std::string>{claim_, other})) << id;
    const TrackRecord record = wb_->GetTrackRecord(id);
    EXPECT_EQ(record.source, minister_);
    EXPECT_EQ(record.verdicts, 2);
    EXPECT_EQ(wb_->SourceRatings(id).size(), 1u);
  }
  EXPECT_EQ(wb_->GetClaim(other).claimant, minister_);
  // A claim or rating naming the alias is recorded for the source it stands for.
  EXPECT_EQ(wb_->AddClaim({"Another one.", duplicate, {}, {}, {}}).claimant, minister_);
  EXPECT_EQ(wb_->RateSource(duplicate, "B", "checked").source, minister_);
  const std::vector<TrackRecord> records = wb_->TrackRecords();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].source, minister_);
  EXPECT_TRUE(wb_->Verify().ok);
}

TEST_P(CorrectionsTest, ASourceIsFoundByItsUniqueName) {
  EXPECT_EQ(wb_->FindSource("kim min-su").id, minister_);
  EXPECT_EQ(wb_->Sources(std::string("KIM MIN-SU")).size(), 1u);
  EXPECT_EQ(wb_->AddClaim({"Named by name.", "Kim Min-su", {}, {}, {}}).claimant, minister_);
  const std::string namesake = wb_->AddSource({"Kim Min-su", "organisation", {}, {}}).id;
  try {
    wb_->FindSource("Kim Min-su");
    FAIL() << "an ambiguous name was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.id(), "claimledger.source.ambiguous");
    EXPECT_NE(std::string(error.what()).find(namesake), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find(minister_), std::string::npos) << error.what();
  }
  try {
    wb_->FindSource("Min");
    FAIL() << "an unknown name was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Code::kNotFound);
    EXPECT_NE(std::string(error.what()).find(minister_), std::string::npos) << error.what();
  }
  // Once merged, the namesakes are one source and the name is no longer ambiguous.
  wb_->MergeSources(namesake, minister_, "one person");
  EXPECT_EQ(wb_->FindSource("Kim Min-su").id, minister_);
  EXPECT_EQ(wb_->Sources(std::string("Kim Min-su")).size(), 2u);
}

TEST_P(CorrectionsTest, BundlesAndMergedDesksCarryTheCorrections) {
  const std::string duplicate = wb_->AddSource({"Min-su Kim", "person", {}, {}}).id;
  const Evidence evidence =
      wb_->LinkEvidence({claim_, snapshot_, "approximately 28,500 troops", "supports"});
  const std::string other = wb_->AddClaim({"Thirty thousand stay.", duplicate, {}, {}, {}}).id;
  wb_->UnlinkEvidence(evidence.id, "wrong year");
  wb_->CorrectClaim(claim_, "The minister said 30,000 troops would stay.", {}, "misquoted");
  wb_->MergeSources(duplicate, minister_, "same person");
  wb_->Retract(other, "not a claim");
  const std::string state = State(*wb_);

  TempLedgerPath bundle, copy, merged;
  wb_->ExportBundle(bundle.str());
  auto imported = Workbench::Open(copy.str());
  imported->ImportBundle(bundle.str());
  EXPECT_EQ(State(*imported), state);
  EXPECT_TRUE(imported->Verify().ok);

  auto desk = Workbench::Open(merged.str());
  desk->Merge(location_);
  EXPECT_EQ(State(*desk), state);
  EXPECT_TRUE(desk->Verify().ok);
}

INSTANTIATE_TEST_SUITE_P(Stores, CorrectionsTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return std::string(info.param); });

}  // namespace
}  // namespace claimledger
