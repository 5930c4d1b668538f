//go:build race

package importer_test

// raceDetector says the tests run under -race, where SQLite runs some 30
// times slower: timing tests keep to what is affordable there.
const raceDetector = true
