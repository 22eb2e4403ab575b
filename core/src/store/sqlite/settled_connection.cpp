// The SQLite store's connection with its writes on a thread of their own
// (settled_connection.h).
#include "store/sqlite/settled_connection.h"

#include <unistd.h>

namespace claimledger {
namespace {

// HandOver gives the thread the writes of several records at once, from this many writes: each
// hand-over may wake the thread, and each wake costs about as much as a few writes.
constexpr std::size_t kWritesHandedOver = 64;
// The hand-overs not yet run that make HandOver wait (a bound on the memory of a large batch),
// until the thread has run half of them.
constexpr std::size_t kMostQueued = 32;

}  // namespace

SettledConnection::SettledConnection(std::unique_ptr<Connection> connection)
    : connection_(std::move(connection)) {}

SettledConnection::~SettledConnection() {
  if (!thread_) return;
  if (getpid() != owner_) {
    // A child made by fork() has no such thread: nothing to join, and the condition variable,
    // which the parent's thread waited on, could not be destroyed (it would wait for it).
    thread_.release();
    changed_.release();
    return;
  }
  Discard();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  changed_->notify_all();
  thread_->join();
}

void SettledConnection::Queue() {
  if (queuing_) return;
  if (!thread_) {
    owner_ = getpid();
    changed_ = std::make_unique<std::condition_variable>();
    thread_ = std::make_unique<std::thread>(&SettledConnection::Run, this);
  } else if (getpid() != owner_) {
    return;
  }
  queuing_ = true;
}

void SettledConnection::HandOver() {
  if (queuing_ && record_.size() >= kWritesHandedOver) HandOverAll();
}

void SettledConnection::HandOverAll() {
  std::vector<Writes> written;  // freed after the lock is let go
  std::unique_lock<std::mutex> lock(mutex_);
  if (records_.size() >= kMostQueued) {
    changed_->wait(lock, [&] { return records_.size() <= kMostQueued / 2 || error_; });
  }
  if (error_) std::rethrow_exception(error_);
  written.swap(written_);
  if (record_.empty()) return;
  const bool idle = records_.empty() && !running_;
  ++hand_overs_;
  records_.push_back(std::move(record_));
  record_.clear();
  lock.unlock();
  if (idle) changed_->notify_all();
}

void SettledConnection::WaitForWrites() {
  HandOverAll();
  std::unique_lock<std::mutex> lock(mutex_);
  changed_->wait(lock, [&] { return (records_.empty() && !running_) || error_; });
  if (error_) std::rethrow_exception(error_);
}

void SettledConnection::Stop() {
  Settle();
  queuing_ = false;
}

void SettledConnection::Discard() noexcept {
  if (thread_ && getpid() == owner_) {
    std::unique_lock<std::mutex> lock(mutex_);
    records_.clear();  // never run: the thread ends the writes under way, then waits
    changed_->wait(lock, [&] { return !running_; });
    written_.clear();
    error_ = nullptr;
  }
  record_.clear();
  queuing_ = false;
}

void SettledConnection::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    changed_->wait(lock, [&] { return stop_ || !records_.empty(); });
    if (records_.empty()) return;  // stopped
    Writes record = std::move(records_.front());
    records_.pop_front();
    if (error_) continue;  // the transaction fails: the rest is not written
    running_ = true;
    lock.unlock();
    // A read alongside goes first: the caller's thread waits for it before its next record.
    while (readers_waiting_.load() > 0) std::this_thread::yield();
    std::exception_ptr failed;
    {
      std::lock_guard<std::mutex> writing(writing_);
      try {
        for (const auto& write : record) write(*connection_);
      } catch (...) {
        failed = std::current_exception();
      }
    }
    lock.lock();
    // The copies are freed by the caller's thread, which made them, at its next hand-over: this
    // thread has the more work of the two.
    written_.push_back(std::move(record));
    running_ = false;
    if (failed && !error_) error_ = failed;
    // Wakes the caller's thread when it may wait: for the queue to be half empty, or empty.
    if (records_.size() <= kMostQueued / 2 || error_) changed_->notify_all();
  }
}

SettledConnection::Alongside::Alongside(SettledConnection& connection) : connection_(connection) {
  if (!connection_.queuing_) return;
  ++connection_.readers_waiting_;
  lock_ = std::unique_lock<std::mutex>(connection_.writing_);
  --connection_.readers_waiting_;
  connection_.alongside_ = true;
}

SettledConnection::Alongside::~Alongside() {
  if (lock_.owns_lock()) connection_.alongside_ = false;
}

}  // namespace claimledger
