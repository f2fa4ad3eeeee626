#include "server/hash_slots.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>

#include "services/service_error.hpp"

namespace accountd::server {
namespace {

// Short enough that a slot freed is taken within a fraction of one hash (~40 ms), long enough
// that waiting workers do not spin.
constexpr std::chrono::milliseconds kRetryEvery{2};

bool set_lock(int fd, int slot, short type, int* error) {
    struct flock lock {};
    lock.l_type = type;
    lock.l_whence = SEEK_SET;
    lock.l_start = slot;
    lock.l_len = 1;
    if (::fcntl(fd, F_SETLK, &lock) == 0) return true;
    *error = errno;
    return false;
}

}  // namespace

HashSlotFile::HashSlotFile() : fd_(::memfd_create("accountd-hash-slots", MFD_CLOEXEC)) {
    if (fd_ < 0) throw std::runtime_error("cannot make the password-hash slot file");
}

HashSlotFile::~HashSlotFile() {
    ::close(fd_);
}

HashSlots::HashSlots(int fd, int slots, std::chrono::milliseconds wait,
                     const services::Pacer& pacer)
    : fd_(fd), slots_(std::max(slots, 1)), wait_(wait), pacer_(pacer) {}

bool HashSlots::try_take(int slot) const {
    int error = 0;
    if (set_lock(fd_, slot, F_WRLCK, &error)) return true;
    if (error == EACCES || error == EAGAIN) return false;  // another process holds it
    throw std::runtime_error("cannot lock a password-hash slot");
}

void HashSlots::enter() {
    const services::Instant deadline = pacer_.now() + wait_;
    // Each worker starts its search at another slot, so they rarely collide on one byte.
    const int first = static_cast<int>(::getpid() % slots_);
    while (true) {
        for (int i = 0; i < slots_; ++i) {
            const int slot = (first + i) % slots_;
            if (try_take(slot)) {
                held_ = slot;
                return;
            }
        }
        const services::Instant now = pacer_.now();
        if (now >= deadline) throw services::ServiceError::busy(1);
        pacer_.sleep_until(std::min(now + kRetryEvery, deadline));
    }
}

void HashSlots::leave() noexcept {
    if (held_ < 0) return;
    int error = 0;
    (void)set_lock(fd_, held_, F_UNLCK, &error);
    held_ = -1;
}

}  // namespace accountd::server
