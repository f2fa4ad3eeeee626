#define BOOST_TEST_MODULE accountd unit tests
#include <boost/test/unit_test.hpp>
