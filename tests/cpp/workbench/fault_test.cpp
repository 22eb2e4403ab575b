// Fault injection: a SQLite VFS that wraps the default one and fails writes or syncs on
// demand (disk full, I/O error). Every failure must surface as Error(kStorage) and leave
// the ledger exactly as it was: same events, verify ok, and writable again afterwards.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <cstring>

#include "claimledger/error.h"
#include "claimledger/workbench.h"
#include "test_util.h"

namespace claimledger {
namespace {

enum class Fault { kNone, kFullOnWrite, kIoErrorOnWrite, kIoErrorOnSync };
std::atomic<Fault> g_fault{Fault::kNone};

sqlite3_vfs* g_real = nullptr;

struct FaultFile {
  sqlite3_file base;
  sqlite3_file* real;  // allocated right after this struct
};

sqlite3_file* Real(sqlite3_file* file) { return reinterpret_cast<FaultFile*>(file)->real; }

int FaultWrite(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  if (g_fault == Fault::kFullOnWrite) return SQLITE_FULL;
  if (g_fault == Fault::kIoErrorOnWrite) return SQLITE_IOERR_WRITE;
  return Real(file)->pMethods->xWrite(Real(file), data, amount, offset);
}
int FaultSync(sqlite3_file* file, int flags) {
  if (g_fault == Fault::kIoErrorOnSync) return SQLITE_IOERR_FSYNC;
  return Real(file)->pMethods->xSync(Real(file), flags);
}
int FaultClose(sqlite3_file* file) { return Real(file)->pMethods->xClose(Real(file)); }
int FaultRead(sqlite3_file* f, void* data, int amount, sqlite3_int64 offset) {
  return Real(f)->pMethods->xRead(Real(f), data, amount, offset);
}
int FaultTruncate(sqlite3_file* f, sqlite3_int64 size) {
  if (g_fault == Fault::kIoErrorOnWrite) return SQLITE_IOERR_TRUNCATE;
  return Real(f)->pMethods->xTruncate(Real(f), size);
}
int FaultFileSize(sqlite3_file* f, sqlite3_int64* size) {
  return Real(f)->pMethods->xFileSize(Real(f), size);
}
int FaultLock(sqlite3_file* f, int level) { return Real(f)->pMethods->xLock(Real(f), level); }
int FaultUnlock(sqlite3_file* f, int level) { return Real(f)->pMethods->xUnlock(Real(f), level); }
int FaultCheckReservedLock(sqlite3_file* f, int* out) {
  return Real(f)->pMethods->xCheckReservedLock(Real(f), out);
}
int FaultFileControl(sqlite3_file* f, int op, void* arg) {
  return Real(f)->pMethods->xFileControl(Real(f), op, arg);
}
int FaultSectorSize(sqlite3_file* f) { return Real(f)->pMethods->xSectorSize(Real(f)); }
int FaultDeviceCharacteristics(sqlite3_file* f) {
  return Real(f)->pMethods->xDeviceCharacteristics(Real(f));
}
int FaultShmMap(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  return Real(f)->pMethods->xShmMap(Real(f), page, size, extend, out);
}
int FaultShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return Real(f)->pMethods->xShmLock(Real(f), offset, n, flags);
}
void FaultShmBarrier(sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); }
int FaultShmUnmap(sqlite3_file* f, int remove) {
  return Real(f)->pMethods->xShmUnmap(Real(f), remove);
}

// Version 2 methods: WAL's shared memory is passed through, fetch/unfetch (mmap) are not
// offered, so every page goes through xRead/xWrite where the faults are.
const sqlite3_io_methods kFaultMethods = {2,
                                          FaultClose,
                                          FaultRead,
                                          FaultWrite,
                                          FaultTruncate,
                                          FaultSync,
                                          FaultFileSize,
                                          FaultLock,
                                          FaultUnlock,
                                          FaultCheckReservedLock,
                                          FaultFileControl,
                                          FaultSectorSize,
                                          FaultDeviceCharacteristics,
                                          FaultShmMap,
                                          FaultShmLock,
                                          FaultShmBarrier,
                                          FaultShmUnmap,
                                          nullptr,
                                          nullptr};

int FaultOpen(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  auto* wrapper = reinterpret_cast<FaultFile*>(file);
  wrapper->real = reinterpret_cast<sqlite3_file*>(wrapper + 1);
  const int rc = g_real->xOpen(g_real, name, wrapper->real, flags, out_flags);
  wrapper->base.pMethods = wrapper->real->pMethods ? &kFaultMethods : nullptr;
  return rc;
}

sqlite3_vfs g_fault_vfs;

// Installs the fault VFS as the default once for this test binary.
void InstallFaultVfs() {
  if (g_real != nullptr) return;
  g_real = sqlite3_vfs_find(nullptr);
  g_fault_vfs = *g_real;
  g_fault_vfs.zName = "claimledger-fault";
  g_fault_vfs.szOsFile = static_cast<int>(sizeof(FaultFile)) + g_real->szOsFile;
  g_fault_vfs.xOpen = FaultOpen;
  ASSERT_EQ(sqlite3_vfs_register(&g_fault_vfs, /*makeDflt=*/1), SQLITE_OK);
}

class FaultTest : public ::testing::TestWithParam<Fault> {
 protected:
  void SetUp() override { InstallFaultVfs(); }
  void TearDown() override { g_fault = Fault::kNone; }
};

TEST_P(FaultTest, FailedWritesRaiseStorageErrorAndLoseNothing) {
  testing_util::TempLedgerPath path;
  WorkbenchOptions options;
  options.actor = "alice";
  auto wb = Workbench::Open(path.str(), options);
  const std::string source = wb->AddSource({"Courier", "outlet", {}, {}}).id;
  const std::string claim = wb->AddClaim({"About 28,500 troops.", source, {}, {}, {}}).id;
  const auto before = wb->Events();

  // A large batch forces page writes before the commit as well as at it.
  std::vector<NewClaim> batch;
  for (int i = 0; i < 2000; ++i) {
    batch.push_back({"claim number " + std::to_string(i) + " with some text to fill pages",
                     source,
                     {},
                     {},
                     {"tag"}});
  }
  g_fault = GetParam();
  try {
    wb->AddClaims(batch);
    wb->SetVerdict(claim, "true", "fine", {});
    ADD_FAILURE() << "no error under the fault";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Code::kStorage) << error.what();
  }
  g_fault = Fault::kNone;

  // The same handle and a fresh one both see exactly the committed history.
  auto reopened = Workbench::Open(path.str(), options);
  for (Workbench* reader : {wb.get(), reopened.get()}) {
    const auto after = reader->Events();
    ASSERT_EQ(after.size(), before.size());
    EXPECT_EQ(after.back().hash, before.back().hash);
    EXPECT_TRUE(reader->Verify().ok);
    EXPECT_FALSE(reader->GetClaim(claim).verdict);
  }
  // And the ledger takes writes again, from either handle.
  wb->SetVerdict(claim, "true", "after the fault", {});
  reopened->SetStatus(claim, "published");
  EXPECT_EQ(reopened->EventCount(), static_cast<std::int64_t>(before.size()) + 2);
  EXPECT_TRUE(reopened->Verify().ok);
}

INSTANTIATE_TEST_SUITE_P(Faults, FaultTest,
                         ::testing::Values(Fault::kFullOnWrite, Fault::kIoErrorOnWrite,
                                           Fault::kIoErrorOnSync),
                         [](const ::testing::TestParamInfo<Fault>& info) {
                           switch (info.param) {
                             case Fault::kFullOnWrite:
                               return std::string("DiskFull");
                             case Fault::kIoErrorOnWrite:
                               return std::string("IoErrorOnWrite");
                             default:
                               return std::string("IoErrorOnSync");
                           }
                         });

}  // namespace
}  // namespace claimledger
