#include <boost/test/unit_test.hpp>

#include "services/ip_range.hpp"

using accountd::services::IpAddress;
using accountd::services::IpRange;

namespace {
IpAddress ip(const char* text) {
    return IpAddress::parse(text).value();
}
IpRange range(const char* text) {
    return IpRange::parse(text).value();
}
std::string span(const char* text) {
    const auto r = range(text);
    return r.first.to_string() + "-" + r.last.to_string();
}
}  // namespace

BOOST_AUTO_TEST_SUITE(ip_ranges)

BOOST_AUTO_TEST_CASE(addresses_parse_strictly) {
    BOOST_TEST(IpAddress::parse("127.0.0.1").has_value());
    BOOST_TEST(IpAddress::parse("::1").has_value());
    BOOST_TEST(IpAddress::parse("2001:db8::8a2e:370:7334").has_value());
    for (const char* bad : {"", "256.0.0.1", "1.2.3", "01.2.3.4", " 1.2.3.4", "1.2.3.4 ",
                            "fe80::1%eth0", "1.2.3.*", "::g", "localhost", "1.2.3.4.5"}) {
        BOOST_TEST(!IpAddress::parse(bad).has_value(), bad);
    }
}

BOOST_AUTO_TEST_CASE(ipv4_ranges_match_their_edges_only) {
    const auto r = range("192.168.10.0/24");
    BOOST_TEST(r.contains(ip("192.168.10.0")));
    BOOST_TEST(r.contains(ip("192.168.10.255")));
    BOOST_TEST(!r.contains(ip("192.168.11.0")));
    BOOST_TEST(!r.contains(ip("192.168.9.255")));
    const auto odd = range("10.0.0.0/9");
    BOOST_TEST(odd.contains(ip("10.127.255.255")));
    BOOST_TEST(!odd.contains(ip("10.128.0.0")));
}

BOOST_AUTO_TEST_CASE(single_hosts_and_whole_families) {
    BOOST_TEST(span("203.0.113.7") == "203.0.113.7-203.0.113.7");
    BOOST_TEST(range("203.0.113.7").contains(ip("203.0.113.7")));
    BOOST_TEST(!range("203.0.113.7").contains(ip("203.0.113.8")));
    BOOST_TEST(range("0.0.0.0/0").contains(ip("8.8.8.8")));
    BOOST_TEST(!range("0.0.0.0/0").contains(ip("::1")));
    BOOST_TEST(range("::/0").contains(ip("::1")));
    BOOST_TEST(span("::1/128") == "::1-::1");
}

BOOST_AUTO_TEST_CASE(ipv6_ranges_match_across_nibble_and_byte_boundaries) {
    const auto r = range("2001:db8:abcd:1200::/55");
    BOOST_TEST(r.contains(ip("2001:db8:abcd:1200::1")));
    BOOST_TEST(r.contains(ip("2001:db8:abcd:13ff:ffff:ffff:ffff:ffff")));
    BOOST_TEST(!r.contains(ip("2001:db8:abcd:1400::")));
    BOOST_TEST(range("2001:db8::/32").contains(ip("2001:db8:ffff::1")));
    BOOST_TEST(!range("2001:db8::/32").contains(ip("2001:db9::1")));
}

BOOST_AUTO_TEST_CASE(ipv4_mapped_ipv6_does_not_match_ipv4) {
    BOOST_TEST(!range("127.0.0.1").contains(ip("::ffff:127.0.0.1")));
    BOOST_TEST(!range("::ffff:127.0.0.1").contains(ip("127.0.0.1")));
    BOOST_TEST(!range("0.0.0.0-255.255.255.255").contains(ip("::ffff:127.0.0.1")));
}

BOOST_AUTO_TEST_CASE(host_bits_are_ignored) {
    BOOST_TEST(span("10.1.2.3/8") == "10.0.0.0-10.255.255.255");
    BOOST_TEST(span("2001:DB8:0:0::1/32") == "2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff");
}

BOOST_AUTO_TEST_CASE(netmasks_wildcards_and_ranges_are_the_other_forms_pterodactyl_takes) {
    BOOST_TEST(span("192.168.1.77 255.255.255.0") == "192.168.1.0-192.168.1.255");
    BOOST_TEST(span("10.0.0.1 255.240.0.0") == "10.0.0.0-10.15.255.255");
    BOOST_TEST(span("10.0.0.1 0.0.0.0") == "0.0.0.0-255.255.255.255");
    BOOST_TEST(span("192.168.3.*") == "192.168.3.0-192.168.3.255");
    BOOST_TEST(span("172.*.*.*") == "172.0.0.0-172.255.255.255");
    const auto r = range("10.0.0.250-10.0.1.4");
    BOOST_TEST(r.contains(ip("10.0.0.250")));
    BOOST_TEST(r.contains(ip("10.0.0.255")));
    BOOST_TEST(r.contains(ip("10.0.1.4")));
    BOOST_TEST(!r.contains(ip("10.0.1.5")));
    BOOST_TEST(!r.contains(ip("10.0.0.249")));
    BOOST_TEST(range("2001:db8::1-2001:db8::1:0").contains(ip("2001:db8::ffff")));
    BOOST_TEST(span("10.0.0.7-10.0.0.7") == "10.0.0.7-10.0.0.7");
}

BOOST_AUTO_TEST_CASE(a_range_covers_the_ranges_inside_it_only) {
    BOOST_TEST(range("10.0.0.0/8").covers(range("10.1.2.3")));
    BOOST_TEST(range("10.0.0.0/8").covers(range("10.0.0.0/8")));
    BOOST_TEST(range("10.0.0.0/8").covers(range("10.2.*.*")));
    BOOST_TEST(!range("10.0.0.0/8").covers(range("10.255.255.255-11.0.0.0")));
    BOOST_TEST(!range("10.0.0.0/8").covers(range("0.0.0.0/0")));
    BOOST_TEST(!range("10.0.0.0/8").covers(range("::ffff:10.0.0.1")));
    BOOST_TEST(range("2001:db8::/32").covers(range("2001:db8:1::/48")));
}

BOOST_AUTO_TEST_CASE(bad_ranges_are_refused) {
    for (const char* bad :
         {"10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "10.0.0.0/ 8",
          "10.0.0.0/08a", "/8", "10.0.0.0/0008", "10.0.0.0/08", "::/064", "hodor", "hodor/24",
          // reversed, mixed families, half a range
          "10.0.0.9-10.0.0.0", "10.0.0.1-::1", "10.0.0.1-", "-10.0.0.1", "10.0.0.1 - 10.0.0.2",
          // a wildcard before a fixed octet would cover more than it reads as
          "1.*.3.*", "*.2.3.4", "1.2.3.**", "1.2.*", "*", "2001:db8::*",
          // netmasks: IPv4 only, contiguous only, one space
          "10.0.0.0 255.0.255.0", "10.0.0.0 ffff::", "::1 255.255.255.0", "10.0.0.0  255.0.0.0",
          "10.0.0.0 24"}) {
        BOOST_TEST(!IpRange::parse(bad).has_value(), bad);
    }
}

BOOST_AUTO_TEST_CASE(throttles_count_ipv6_per_network_and_ipv4_per_address) {
    using accountd::services::throttle_address;
    BOOST_TEST(throttle_address("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 64) == "2001:db8:1:2::/64");
    BOOST_TEST(throttle_address("2001:DB8:1:2::1", 64) == "2001:db8:1:2::/64");
    BOOST_TEST(throttle_address("2001:db8:1:2ff::1", 56) == "2001:db8:1:200::/56");
    BOOST_TEST(throttle_address("2001:db8::1", 128) == "2001:db8::1/128");
    BOOST_TEST(throttle_address("192.0.2.1", 64) == "192.0.2.1");
    BOOST_TEST(throttle_address("::ffff:192.0.2.1", 64) == "192.0.2.1");
    BOOST_TEST(throttle_address("::ffff:c000:201", 64) == "192.0.2.1");
    BOOST_TEST(throttle_address("unix:", 64) == "unix:");
}

BOOST_AUTO_TEST_CASE(ranges_are_covered_exactly_by_the_fewest_cidr_blocks) {
    const auto blocks = [](const char* text) { return IpRange::parse(text).value().cidr_blocks(); };
    using V = std::vector<std::string>;
    BOOST_TEST(blocks("203.0.113.7") == V{"203.0.113.7/32"}, boost::test_tools::per_element());
    BOOST_TEST(blocks("192.168.*.*") == V{"192.168.0.0/16"}, boost::test_tools::per_element());
    BOOST_TEST(blocks("192.168.0.9 255.255.255.0") == V{"192.168.0.0/24"},
               boost::test_tools::per_element());
    BOOST_TEST(blocks("10.0.0.5-10.0.0.9") == (V{"10.0.0.5/32", "10.0.0.6/31", "10.0.0.8/31"}),
               boost::test_tools::per_element());
    BOOST_TEST(blocks("0.0.0.0/0") == V{"0.0.0.0/0"}, boost::test_tools::per_element());
    BOOST_TEST(blocks("255.255.255.254-255.255.255.255") == V{"255.255.255.254/31"},
               boost::test_tools::per_element());
    BOOST_TEST(blocks("2001:db8::1-2001:db8::2") == (V{"2001:db8::1/128", "2001:db8::2/128"}),
               boost::test_tools::per_element());
    BOOST_TEST(blocks("2001:db8::/32") == V{"2001:db8::/32"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
