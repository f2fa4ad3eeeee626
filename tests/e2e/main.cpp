#define BOOST_TEST_MODULE accountd end - to - end tests
#include <boost/test/unit_test.hpp>
