#include "key_host.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdlib>

#include "e2e_fixture.hpp"

namespace accountd::testing {

KeyHost::KeyHost() {
    const int port = std::stoi(require_env("ACCOUNTD_TEST_KEYHOST_PORT"));
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    BOOST_REQUIRE(listener_ >= 0);
    const int one = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    BOOST_REQUIRE_MESSAGE(
        ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0,
        "cannot bind the key host to 127.0.0.1:" << port);
    BOOST_REQUIRE(::listen(listener_, 16) == 0);
    thread_ = std::thread([this] { serve(); });
}

KeyHost::~KeyHost() {
    stopping_ = true;
    thread_.join();
    ::close(listener_);
}

void KeyHost::set(const std::string& path, Answer answer) {
    const std::lock_guard lock(mutex_);
    answers_[path] = std::move(answer);
}

std::vector<std::string> KeyHost::requested() const {
    const std::lock_guard lock(mutex_);
    return requested_;
}

void KeyHost::serve() {
    while (!stopping_) {
        pollfd p{listener_, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        const int connection = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
        if (connection < 0) continue;
        std::string request;
        char buffer[4096];
        while (request.find("\r\n\r\n") == std::string::npos && request.size() < 65536) {
            pollfd c{connection, POLLIN, 0};
            if (::poll(&c, 1, 2000) <= 0) break;
            const auto n = ::read(connection, buffer, sizeof buffer);
            if (n <= 0) break;
            request.append(buffer, static_cast<std::size_t>(n));
        }
        const auto first_space = request.find(' ');
        const auto second_space = request.find(' ', first_space + 1);
        const std::string path =
            first_space == std::string::npos
                ? std::string()
                : request.substr(first_space + 1, second_space - first_space - 1);
        Answer answer{404, R"({"message":"Not Found"})"};
        {
            const std::lock_guard lock(mutex_);
            requested_.push_back(path);
            if (const auto it = answers_.find(path); it != answers_.end()) answer = it->second;
        }
        if (answer.delay_ms > 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(answer.delay_ms));
        }
        if (!answer.hang_up) {
            const std::string response =
                "HTTP/1.1 " + std::to_string(answer.status) +
                " X\r\nContent-Type: application/json\r\nContent-Length: " +
                std::to_string(answer.body.size()) + "\r\nConnection: close\r\n\r\n" + answer.body;
            std::size_t sent = 0;
            while (sent < response.size()) {
                const auto n = ::send(connection, response.data() + sent, response.size() - sent,
                                      MSG_NOSIGNAL);
                if (n <= 0) break;
                sent += static_cast<std::size_t>(n);
            }
        }
        ::close(connection);
    }
}

}  // namespace accountd::testing
