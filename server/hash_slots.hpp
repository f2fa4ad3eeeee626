#pragma once
// The ceiling on password hashes running at once on a host, shared by every worker of one
// master. Each slot is one byte of a file the master creates before forking, and a worker holds
// a slot by holding a POSIX record lock (fcntl F_SETLK) on that byte. Such a lock belongs to the
// process: the kernel drops it when the process exits or is killed, so a worker that dies in the
// middle of a hash never keeps its slot (a counter or semaphore in shared memory would). Workers
// are single-threaded, so a process holds at most one slot.

#include <chrono>

#include "crypto/password_hasher.hpp"
#include "services/clock.hpp"

namespace accountd::server {

/// The slots' file (an anonymous memfd). Made by the master before the first fork, so every
/// worker inherits the descriptor; its size does not matter, record locks reach past the end.
class HashSlotFile {
  public:
    /// Throws std::runtime_error when the file cannot be made.
    HashSlotFile();
    ~HashSlotFile();
    HashSlotFile(const HashSlotFile&) = delete;
    HashSlotFile& operator=(const HashSlotFile&) = delete;

    int fd() const { return fd_; }

  private:
    int fd_;
};

/// The gate one worker hashes through. `enter` takes a free slot of `slots`, trying again every
/// few milliseconds for up to `wait`; when none frees up it throws services::ServiceError busy
/// (Retry-After 1), which each dialect answers as 503 in its own envelope.
class HashSlots final : public crypto::HashGate {
  public:
    /// `fd` stays open (HashSlotFile) and `pacer` lives as long as this.
    HashSlots(int fd, int slots, std::chrono::milliseconds wait, const services::Pacer& pacer);

    void enter() override;
    void leave() noexcept override;

  private:
    bool try_take(int slot) const;

    int fd_;
    int slots_;
    std::chrono::milliseconds wait_;
    const services::Pacer& pacer_;
    int held_ = -1;
};

}  // namespace accountd::server
