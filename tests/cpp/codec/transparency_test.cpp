// The C2SP text formats: the published examples of Go's sumdb/note and of C2SP signed-note
// checked byte for byte, a fixed key's checkpoint and receipt (tests/data/transparency.json,
// also checked from Python and by Go's packages), every byte of a signed checkpoint and of a
// receipt changed, and malformed keys refused without quoting them.
#include "codec/transparency.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "claimledger/error.h"
#include "hash/base64.h"

namespace claimledger {
namespace {

const char kGoSigner[] =
    "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const char kGoVerifier[] = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const char kGoText[] =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
const char kGoSignature[] =
    "\xE2\x80\x94 PeterNeumann "
    "x08go/ZJkuBS9UG/"
    "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

nlohmann::json Vectors() {
  std::ifstream in(std::string(CLAIMLEDGER_TEST_DATA) + "/transparency.json");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return nlohmann::json::parse(buffer.str());
}

std::string ErrorId(const std::function<void()>& call) {
  try {
    call();
  } catch (const Error& error) {
    return error.id();
  }
  return "";
}

TEST(TransparencyTest, GoSumdbNoteExampleByteForByte) {
  const SignerKey signer = ParseSignerKey(kGoSigner);
  EXPECT_EQ(signer.name, "PeterNeumann");
  EXPECT_EQ(VerifierOf(kGoSigner), kGoVerifier);
  const std::string note = SignNote(kGoText, signer);
  EXPECT_EQ(note, std::string(kGoText) + "\n" + kGoSignature);
  const Note parsed = ParseNote(note);
  EXPECT_EQ(parsed.text, kGoText);
  EXPECT_EQ(VerifyNote(parsed, {ParseVerifierKey(kGoVerifier)}),
            std::vector<std::string>{kGoVerifier});
}

TEST(TransparencyTest, C2spSignedNoteExampleVerifies) {
  const std::string verifier =
      "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
  const std::string note =
      "This is an example message.\n\n\xE2\x80\x94 example.com/foo "
      "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM="
      "\n";
  EXPECT_EQ(VerifyNote(ParseNote(note), {ParseVerifierKey(verifier)}),
            std::vector<std::string>{verifier});
}

TEST(TransparencyTest, FixedKeyCheckpointAndReceiptByteForByte) {
  const nlohmann::json v = Vectors();
  const SignerKey signer = ParseSignerKey(v["signer"].get<std::string>());
  EXPECT_EQ(VerifierOf(v["signer"]), v["verifier"]);
  const std::string root = *FromBase64(v["root"].get<std::string>());
  const std::string body = CheckpointBody(v["origin"], v["size"], *TreeHashFrom(root));
  const std::string checkpoint = SignNote(body, signer);
  EXPECT_EQ(checkpoint, v["checkpoint"]);
  const SignedCheckpoint opened = VerifyCheckpoint(checkpoint, {v["verifier"]});
  EXPECT_EQ(opened.origin, v["origin"]);
  EXPECT_EQ(opened.size, v["size"]);
  EXPECT_EQ(opened.root, v["root"]);
  const VerifiedReceipt receipt =
      VerifyReceipt(v["receipt"], *FromBase64(v["leaf"].get<std::string>()), {v["verifier"]});
  EXPECT_EQ(receipt.index, v["index"]);
}

TEST(TransparencyTest, EveryByteOfACheckpointOrReceiptChangedIsRefused) {
  const nlohmann::json v = Vectors();
  const std::string leaf = *FromBase64(v["leaf"].get<std::string>());
  const std::vector<std::string> keys{v["verifier"]};
  const std::string checkpoint = v["checkpoint"], receipt = v["receipt"];
  for (std::size_t i = 0; i < checkpoint.size(); ++i) {
    std::string changed = checkpoint;
    changed[i] = static_cast<char>(changed[i] ^ 0x01);
    EXPECT_NE(ErrorId([&] { VerifyCheckpoint(changed, keys); }), "") << "byte " << i;
  }
  for (std::size_t i = 0; i < receipt.size(); ++i) {
    std::string changed = receipt;
    changed[i] = static_cast<char>(changed[i] ^ 0x01);
    EXPECT_NE(ErrorId([&] { VerifyReceipt(changed, leaf, keys); }), "") << "byte " << i;
  }
  for (std::size_t i = 0; i < leaf.size(); ++i) {
    std::string changed = leaf;
    changed[i] = static_cast<char>(changed[i] ^ 0x01);
    EXPECT_EQ(ErrorId([&] { VerifyReceipt(receipt, changed, keys); }), "claimledger.proof.mismatch")
        << "byte " << i;
  }
}

TEST(TransparencyTest, UnknownKeysBadSignaturesAndMalformedInputAreRefusedClearly) {
  const nlohmann::json v = Vectors();
  const std::string checkpoint = v["checkpoint"];
  const KeyPair other = GenerateKey("someone.example/else");
  EXPECT_EQ(ErrorId([&] { VerifyCheckpoint(checkpoint, {other.verifier}); }),
            "claimledger.note.unsigned");
  EXPECT_EQ(ErrorId([&] { VerifyCheckpoint(checkpoint, {}); }), "claimledger.key.none");
  EXPECT_EQ(ErrorId([&] { VerifyCheckpoint(checkpoint, {v["signer"]}); }),
            "claimledger.key.malformed");
  EXPECT_EQ(ErrorId([&] { VerifyCheckpoint("no signatures\n", {v["verifier"]}); }),
            "claimledger.note.malformed");
  // Co-signed: another key's signature is kept and ignored by a reader who does not know it.
  const SignerKey second = ParseSignerKey(other.signer);
  const std::string cosigned =
      SignNote(ParseNote(checkpoint).text, second, ParseNote(checkpoint).signatures);
  EXPECT_EQ(VerifyCheckpoint(cosigned, {v["verifier"]}).signed_by.size(), 1u);
  EXPECT_EQ(VerifyCheckpoint(cosigned, {v["verifier"], other.verifier}).signed_by.size(), 2u);
  // A signer key that is malformed is refused without its text in the message.
  const std::string signer = v["signer"];
  for (const std::string& bad :
       {signer.substr(0, signer.size() - 4), signer + "A",
        std::string("PRIVATE+KEY+x+00000000+AAAA"),
        std::string("PRIVATE+KEY+a b+c74f20a3+") + signer.substr(signer.rfind('+') + 1)}) {
    try {
      ParseSignerKey(bad);
      ADD_FAILURE() << "accepted";
    } catch (const Error& error) {
      EXPECT_EQ(error.id(), "claimledger.key.malformed");
      EXPECT_EQ(std::string(error.what()).find(signer.substr(signer.rfind('+') + 1, 12)),
                std::string::npos);
    }
  }
  EXPECT_EQ(ErrorId([] { GenerateKey("has space"); }), "claimledger.key.name");
  EXPECT_EQ(ErrorId([] { GenerateKey("a+b"); }), "claimledger.key.name");
  EXPECT_EQ(ErrorId([] { ParseCheckpointBody("origin\n08\nAAAA\n"); }),
            "claimledger.checkpoint.malformed");
  EXPECT_EQ(ErrorId([] { ParseTlogProof("c2sp.org/tlog-proof@v1\nindex 1\nAAAA\n\nx"); }),
            "claimledger.proof.malformed");
}

TEST(TransparencyTest, TlogProofRoundTripsWithExtraData) {
  TlogProof proof;
  proof.extra = std::string("seq 12");
  proof.index = 11;
  proof.hashes = {LeafHash("a"), LeafHash("b")};
  proof.checkpoint = "origin\n12\nroot\n\n\xE2\x80\x94 k sig\n";
  const TlogProof parsed = ParseTlogProof(FormatTlogProof(proof));
  EXPECT_EQ(parsed.extra, proof.extra);
  EXPECT_EQ(parsed.index, 11);
  EXPECT_EQ(parsed.hashes, proof.hashes);
  EXPECT_EQ(parsed.checkpoint, proof.checkpoint);
}

}  // namespace
}  // namespace claimledger
