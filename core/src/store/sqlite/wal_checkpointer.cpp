// The SQLite store's checkpoints on a thread of their own (wal_checkpointer.h).
#include "store/sqlite/wal_checkpointer.h"

#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace claimledger {
namespace {

void CopyLog(sqlite3* db) {
  // Passive: copies what no reader still needs, never waits. What it leaves (another process
  // copying or reading an older state, a failed write) stays in the log for the next copy.
  sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
}

}  // namespace

struct WalCheckpointer::Thread {
  sqlite3* db = nullptr;  // its own connection to the file
  std::mutex mutex;
  std::condition_variable changed;
  bool asked = false;    // a commit asked for a copy
  bool copying = false;  // a copy is under way
  bool stopping = false;
  std::atomic<std::int64_t> copies{0};
  std::thread thread;

  void Run() {
    std::unique_lock<std::mutex> lock(mutex);
    for (;;) {
      changed.wait(lock, [this] { return asked || stopping; });
      if (stopping) return;  // the writer's connection copies the rest when the file closes
      asked = false;
      copying = true;
      lock.unlock();
      CopyLog(db);
      copies.fetch_add(1);
      lock.lock();
      copying = false;
      changed.notify_all();
    }
  }

  void Ask() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      asked = true;
    }
    changed.notify_all();
  }

  // Takes back what was asked and waits for the copy under way.
  void WaitUntilIdle() {
    std::unique_lock<std::mutex> lock(mutex);
    asked = false;
    changed.wait(lock, [this] { return !copying; });
  }

  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      stopping = true;
    }
    changed.notify_all();
    thread.join();
    sqlite3_close_v2(db);
  }
};

WalCheckpointer::WalCheckpointer(sqlite3* writer, const std::string& path, int writer_pages)
    : writer_(writer), path_(path), writer_pages_(writer_pages), owner_(getpid()) {
  sqlite3_wal_hook(writer_, &WalCheckpointer::OnCommit, this);
}

WalCheckpointer::~WalCheckpointer() {
  sqlite3_wal_autocheckpoint(writer_, kCopyPages);  // SQLite's own hook again
  if (!thread_) return;
  if (getpid() != owner_) {
    // A child made by fork(): the thread, its lock and its connection are the parent's.
    thread_.release();
    return;
  }
  thread_->Stop();
}

std::int64_t WalCheckpointer::Copies() const { return thread_ ? thread_->copies.load() : 0; }

int WalCheckpointer::OnCommit(void* self, sqlite3* db, const char*, int pages) {
  try {
    static_cast<WalCheckpointer*>(self)->Committed(db, pages);
  } catch (...) {  // no thread could be made: nothing may unwind through SQLite
    CopyLog(db);
  }
  return SQLITE_OK;
}

void WalCheckpointer::Committed(sqlite3* db, int pages) {
  if (pages < kCopyPages) return;
  const bool own_process = getpid() == owner_;
  if (own_process && pages < writer_pages_) {
    if (!thread_ && !path_.empty()) StartThread();
    if (thread_) {
      thread_->Ask();
      return;
    }
  }
  if (thread_ && own_process) thread_->WaitUntilIdle();
  CopyLog(db);
}

void WalCheckpointer::StartThread() {
  const std::string path = path_;
  path_.clear();  // tried once: after a failure, commits copy the log themselves
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
          SQLITE_OK ||
      sqlite3_exec(db, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr) != SQLITE_OK) {
    sqlite3_close_v2(db);
    return;
  }
  auto thread = std::make_unique<Thread>();
  thread->db = db;
  try {
    thread->thread = std::thread([state = thread.get()] { state->Run(); });
  } catch (...) {
    sqlite3_close_v2(db);
    throw;
  }
  thread_ = std::move(thread);
}

}  // namespace claimledger
