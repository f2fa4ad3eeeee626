#include <boost/test/unit_test.hpp>

#include "server/api_error.hpp"
#include "server/router.hpp"

#include <stdexcept>

using namespace accountd::server;

namespace {

Router sample_router() {
    Router router;
    const auto ok = [](RequestContext&) { return HttpResponse::no_content(); };
    router.add({.method = "GET",
                .pattern = "/api/client/account",
                .auth = AuthRequirement::session,
                .gates = Gates::all,
                .handler = ok});
    router.add({.method = "POST",
                .pattern = "/api/client/account/logout",
                .auth = AuthRequirement::session,
                .gates = Gates::all,
                .handler = ok});
    router.add({.method = "DELETE",
                .pattern = "/api/client/account/api-keys/{identifier}",
                .auth = AuthRequirement::session,
                .gates = Gates::all,
                .handler = ok});
    router.add({.method = "GET",
                .pattern = "/api/users/{id}",
                .auth = AuthRequirement::session,
                .gates = Gates::all,
                .handler = ok});
    router.add({.method = "GET",
                .pattern = "/api/users/me",
                .auth = AuthRequirement::session,
                .gates = Gates::all,
                .handler = ok});
    return router;
}

ErrorCode code_of(const Router& router, const std::string& method, const std::string& path) {
    try {
        router.match(method, path);
    } catch (const ApiError& e) {
        return e.code();
    }
    BOOST_FAIL("expected an ApiError");
    return ErrorCode::internal;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(router)

BOOST_AUTO_TEST_CASE(a_literal_path_matches_its_method) {
    const auto router = sample_router();
    const auto match = router.match("GET", "/api/client/account");
    BOOST_TEST(match.route->pattern == "/api/client/account");
    BOOST_TEST(match.params.empty());
}

BOOST_AUTO_TEST_CASE(path_parameters_are_captured) {
    const auto router = sample_router();
    const auto match = router.match("DELETE", "/api/client/account/api-keys/ptlc_abc");
    BOOST_TEST(match.params.at("identifier") == "ptlc_abc");
}

BOOST_AUTO_TEST_CASE(a_literal_segment_wins_over_a_parameter) {
    const auto router = sample_router();
    BOOST_TEST(router.match("GET", "/api/users/me").route->pattern == "/api/users/me");
    BOOST_TEST(router.match("GET", "/api/users/42").params.at("id") == "42");
}

BOOST_AUTO_TEST_CASE(head_is_answered_by_the_get_route) {
    const auto router = sample_router();
    BOOST_TEST(router.match("HEAD", "/api/client/account").route->method == "GET");
}

BOOST_AUTO_TEST_CASE(an_unknown_path_is_route_not_found) {
    const auto router = sample_router();
    BOOST_TEST((code_of(router, "GET", "/api/nothing") == ErrorCode::route_not_found));
    BOOST_TEST(
        (code_of(router, "GET", "/api/client/account/extra/deep") == ErrorCode::route_not_found));
}

BOOST_AUTO_TEST_CASE(a_known_path_with_another_method_lists_the_allowed_ones) {
    const auto router = sample_router();
    try {
        router.match("DELETE", "/api/client/account");
        BOOST_FAIL("expected method_not_allowed");
    } catch (const ApiError& e) {
        BOOST_TEST((e.code() == ErrorCode::method_not_allowed));
        BOOST_TEST((e.allowed_methods == std::vector<std::string>{"GET", "HEAD"}));
    }
}

BOOST_AUTO_TEST_CASE(a_rest_parameter_takes_the_remaining_segments_and_ranks_last) {
    Router router;
    const auto tagged = [](int tag) {
        return [tag](RequestContext&) {
            HttpResponse response;
            response.status = tag;
            return response;
        };
    };
    router.add({.method = "GET", .pattern = "/auth/{page...}", .handler = tagged(1)});
    router.add({.method = "POST", .pattern = "/auth/login", .handler = tagged(2)});
    router.add({.method = "GET", .pattern = "/auth/password/reset/{token}", .handler = tagged(3)});
    router.add({.method = "GET", .pattern = "/auth/password", .handler = tagged(4)});

    HttpRequest request;
    RequestContext ctx{request, {}, std::nullopt, ""};
    const auto status_of = [&](const std::string& method, const std::string& path) {
        return router.match(method, path).route->handler(ctx).status;
    };
    BOOST_TEST(status_of("GET", "/auth/login") == 1);
    BOOST_TEST(status_of("POST", "/auth/login") == 2);
    BOOST_TEST(status_of("GET", "/auth/password/reset/abc") == 3);
    BOOST_TEST(status_of("GET", "/auth/password") == 4);
    const auto deep = router.match("GET", "/auth/password/reset/abc/more");
    BOOST_TEST(deep.params.at("page") == "password/reset/abc/more");
    // The rest needs at least one segment.
    BOOST_CHECK_THROW(router.match("GET", "/auth"), ApiError);
    try {
        router.match("PUT", "/auth/login");
        BOOST_FAIL("expected method_not_allowed");
    } catch (const ApiError& e) {
        BOOST_TEST((e.allowed_methods == std::vector<std::string>{"GET", "HEAD", "POST"}));
    }
}

BOOST_AUTO_TEST_CASE(an_authenticated_route_drops_a_gate_only_with_a_stated_exemption) {
    Router router;
    const auto ok = [](RequestContext&) { return HttpResponse::no_content(); };
    for (const auto gates : {Gates::none, Gates::except_two_factor}) {
        BOOST_CHECK_THROW(router.add({.method = "POST",
                                      .pattern = "/api/sessions/logout",
                                      .auth = AuthRequirement::session,
                                      .gates = gates,
                                      .handler = ok}),
                          std::invalid_argument);
        router.add({.method = "POST",
                    .pattern = "/api/sessions/logout",
                    .auth = AuthRequirement::session,
                    .gates = gates,
                    .handler = ok,
                    .gate_exemption = "stated"});
    }
    // Public routes have no account to gate.
    router.add({.method = "POST",
                .pattern = "/api/auth/login",
                .auth = AuthRequirement::none,
                .gates = Gates::none,
                .handler = ok});
    BOOST_TEST(router.routes().size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
