// diff_geo_test.go compares the geospatial commands with Redis, in RESP2
// and RESP3: scores (ZSCORE) of GEOADD's positions, GEOPOS's coordinates,
// GEODIST in every unit, GEOHASH, every search with each of its options,
// the stores, errors in Redis's order of checks, and seeded random
// positions and searches.
package main

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// sicily is Redis's documentation example.
var sicily = c("GEOADD", "Sicily", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania",
	"12.758489", "38.788135", "edge1", "17.241510", "38.788135", "edge2")

func geoCases() []diffCase {
	search := func(tail ...string) []string { return append(c("GEOSEARCH", "Sicily"), tail...) }
	return []diffCase{
		{name: "geoadd", cmds: [][]string{
			sicily, c("ZRANGE", "Sicily", "0", "-1", "WITHSCORES"), c("GEOADD", "Sicily", "13.361389", "38.115556", "Palermo"),
			c("GEOADD", "Sicily", "CH", "13.4", "38.1", "Palermo", "1", "1", "new"), c("GEOADD", "Sicily", "NX", "0", "0", "Palermo", "2", "2", "n2"),
			c("GEOADD", "Sicily", "XX", "CH", "3", "3", "n2", "4", "4", "n3"), c("GEOADD", "Sicily", "XX", "NX", "3", "3", "n2"),
			c("ZRANGE", "Sicily", "0", "-1", "WITHSCORES"), c("GEOADD", "g", "-180", "-85.05112878", "sw", "180", "85.05112878", "ne", "0", "0", "o"),
			c("ZRANGE", "g", "0", "-1", "WITHSCORES"), c("GEOPOS", "g", "sw", "ne", "o"),
			c("GEOADD", "g", "nx", "ch", "xx", "1", "1", "x"), c("GEOADD", "g", "ch", "ch", "ch"), c("GEOADD", "g", "1", "2"),
			c("GEOADD", "g", "1", "2", "a", "3"), c("GEOADD", "g", "GT", "1", "2", "a"), c("GEOADD", "g", "200", "0", "a"),
			c("GEOADD", "g", "0", "86", "a"), c("GEOADD", "g", "-180.000001", "0", "a"), c("GEOADD", "g", "inf", "0", "a"),
			c("GEOADD", "g", "1e300", "-1e300", "a"), c("GEOADD", "g", "x", "0", "a"), c("GEOADD", "g", "0", "y", "a"),
			c("GEOADD", "g", "0", "0", "a", "200", "0", "b"), c("EXISTS", "g2"), c("SET", "s", "x"), c("GEOADD", "s", "0", "0", "a"),
			c("GEOADD", "s", "0", "500", "a"), c("GEOADD", "g"),
		}},
		{name: "geopos-geohash-geodist", cmds: [][]string{
			sicily, c("GEOPOS", "Sicily", "Palermo", "Catania", "nope", "edge1"), c("GEOPOS", "nokey", "a", "b"), c("GEOPOS", "Sicily"),
			c("GEOHASH", "Sicily", "Palermo", "Catania", "nope", "edge2"), c("GEOHASH", "nokey", "a"), c("GEOHASH", "Sicily"),
			c("GEODIST", "Sicily", "Palermo", "Catania"), c("GEODIST", "Sicily", "Palermo", "Catania", "km"),
			c("GEODIST", "Sicily", "Palermo", "Catania", "MI"), c("GEODIST", "Sicily", "Palermo", "Catania", "ft"),
			c("GEODIST", "Sicily", "Palermo", "Catania", "M"), c("GEODIST", "Sicily", "Palermo", "Palermo"),
			c("GEODIST", "Sicily", "Palermo", "nope"), c("GEODIST", "nokey", "a", "b"), c("GEODIST", "nokey", "a", "b", "yd"),
			c("GEODIST", "Sicily", "Palermo", "Catania", "yd"), c("GEODIST", "Sicily", "Palermo", "Catania", "km", "x"),
			c("ZADD", "z", "-1", "neg", "1e300", "big", "inf", "inf", "-inf", "ninf", "4503599627370496", "top", "4503599627370495", "max"),
			c("GEOPOS", "z", "neg", "big", "inf", "ninf", "top", "max"), c("GEOHASH", "z", "neg", "big", "inf", "ninf", "top", "max"),
			c("GEODIST", "z", "neg", "big"), c("GEODIST", "z", "top", "max", "km"),
			c("SET", "s", "x"), c("GEOPOS", "s", "a"), c("GEOHASH", "s", "a"), c("GEODIST", "s", "a", "b"), c("GEODIST", "s", "a", "b", "yd"),
		}},
		{name: "georadius", cmds: [][]string{
			sicily,
			c("GEORADIUS", "Sicily", "15", "37", "200", "km"), c("GEORADIUS", "Sicily", "15", "37", "200", "km", "WITHDIST", "WITHCOORD", "WITHHASH"),
			c("GEORADIUS", "Sicily", "15", "37", "200", "km", "WITHDIST", "ASC"), c("GEORADIUS", "Sicily", "15", "37", "200", "km", "withcoord", "DESC"),
			c("GEORADIUS", "Sicily", "15", "37", "500", "km", "COUNT", "2"), c("GEORADIUS", "Sicily", "15", "37", "500", "km", "COUNT", "1", "ANY"),
			c("GEORADIUS", "Sicily", "15", "37", "500", "km", "COUNT", "3", "DESC", "WITHHASH"), c("GEORADIUS", "Sicily", "15", "37", "1", "m"),
			c("GEORADIUS", "Sicily", "15", "37", "0", "km"), c("GEORADIUS", "Sicily", "15", "37", "100", "mi", "WITHDIST"),
			c("GEORADIUS", "Sicily", "15", "37", "1000000", "ft", "WITHDIST"), c("GEORADIUS", "Sicily", "15", "37", "inf", "km"),
			c("GEORADIUS", "Sicily", "15", "37", "20000", "km", "WITHDIST"),
			c("GEORADIUSBYMEMBER", "Sicily", "Palermo", "200", "km", "WITHDIST"), c("GEORADIUSBYMEMBER", "Sicily", "nope", "200", "km"),
			c("GEORADIUSBYMEMBER", "nokey", "nope", "x", "yd"), c("GEORADIUSBYMEMBER", "nokey", "nope", "x", "yd", "STORE", "dst"),
			c("GEORADIUS", "nokey", "15", "37", "200", "km"), c("GEORADIUS_RO", "Sicily", "15", "37", "200", "km", "WITHDIST"),
			c("GEORADIUSBYMEMBER_RO", "Sicily", "Catania", "100", "km", "WITHCOORD"),
			c("GEORADIUS_RO", "Sicily", "15", "37", "200", "km", "STORE", "x"),
			c("GEORADIUS", "Sicily", "15", "37", "200", "km", "STORE", "dst"), c("ZRANGE", "dst", "0", "-1", "WITHSCORES"),
			c("GEORADIUS", "Sicily", "15", "37", "200", "km", "STOREDIST", "dst"), c("ZRANGE", "dst", "0", "-1", "WITHSCORES"),
			c("GEORADIUS", "Sicily", "15", "37", "200", "km", "STORE", "dst", "COUNT", "1", "STOREDIST", "dst2"), c("EXISTS", "dst", "dst2"),
			c("ZRANGE", "dst2", "0", "-1", "WITHSCORES"), c("EXPIRE", "dst2", "100"),
			c("GEORADIUSBYMEMBER", "Sicily", "edge1", "1", "m", "STORE", "dst2"), c("TTL", "dst2"),
			c("GEORADIUS", "Sicily", "15", "37", "1", "m", "STORE", "dst2"), c("EXISTS", "dst2"),
			c("GEORADIUS", "nokey", "15", "37", "200", "km", "STORE", "dst"), c("EXISTS", "dst"),
			c("GEORADIUS", "Sicily", "15", "37", "200", "km", "STORE", "dst", "WITHDIST"),
			c("GEORADIUS", "Sicily", "15", "37", "200", "km", "COUNT", "0"), c("GEORADIUS", "Sicily", "15", "37", "200", "km", "COUNT", "x"),
			c("GEORADIUS", "Sicily", "15", "37", "200", "km", "COUNT"), c("GEORADIUS", "Sicily", "15", "37", "200", "km", "ANY"),
			c("GEORADIUS", "Sicily", "15", "37", "200", "km", "STORE"), c("GEORADIUS", "Sicily", "15", "37", "200", "km", "FOO"),
			c("GEORADIUS", "Sicily", "15", "37", "-1", "km"), c("GEORADIUS", "Sicily", "15", "37", "x", "km"),
			c("GEORADIUS", "Sicily", "15", "37", "1", "yd"), c("GEORADIUS", "Sicily", "15", "95", "1", "km"),
			c("GEORADIUS", "Sicily", "a", "37", "1", "km"), c("GEORADIUS", "Sicily", "15", "37", "200", "km", "FROMLONLAT", "1", "1"),
			c("SET", "s", "x"), c("GEORADIUS", "s", "15", "37", "a", "b"), c("GEORADIUS", "Sicily", "15", "37", "200", "km", "STORE", "s"),
			c("TYPE", "s"),
		}},
		{name: "geosearch", cmds: [][]string{
			sicily,
			search("FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "ASC"), search("FROMMEMBER", "Palermo", "BYRADIUS", "200", "km", "WITHDIST"),
			search("FROMLONLAT", "15", "37", "BYBOX", "400", "400", "km", "ASC", "WITHCOORD", "WITHDIST", "WITHHASH"),
			search("FROMLONLAT", "15", "37", "BYBOX", "400", "400", "km", "DESC", "COUNT", "2"),
			search("FROMMEMBER", "Catania", "BYBOX", "100", "1000", "km", "WITHDIST"), search("FROMLONLAT", "15", "37", "BYBOX", "0", "0", "m"),
			search("FROMLONLAT", "15", "37", "BYRADIUS", "500", "km", "COUNT", "2", "ANY", "WITHDIST"),
			search("FROMLONLAT", "-15", "-37", "BYBOX", "40000", "40000", "km"), search("FROMLONLAT", "15", "37", "BYBOX", "1", "1", "mi"),
			search("BYRADIUS", "200", "km"), search("FROMLONLAT", "15", "37"), search("FROMLONLAT", "15", "37", "FROMMEMBER", "Palermo", "BYRADIUS", "1", "km"),
			search("FROMMEMBER", "Palermo", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "km"),
			search("FROMLONLAT", "15", "37", "BYRADIUS", "1", "km", "BYBOX", "1", "1", "km"),
			search("FROMLONLAT", "15", "37", "BYBOX", "1", "1", "km", "BYRADIUS", "1", "km"),
			search("FROMMEMBER", "nope", "BYRADIUS", "1", "km"), search("FROMLONLAT", "15", "37", "BYBOX", "-1", "1", "km"),
			search("FROMLONLAT", "15", "37", "BYBOX", "x", "1", "km"), search("FROMLONLAT", "15", "37", "BYBOX", "1", "x", "km"),
			search("FROMLONLAT", "15", "37", "BYBOX", "1", "1", "yd"), search("FROMLONLAT", "15", "37", "BYRADIUS", "1", "km", "STORE", "x"),
			search("FROMLONLAT", "15", "37", "BYRADIUS", "1", "km", "STOREDIST"), search("FROMLONLAT", "15", "37", "BYRADIUS", "1", "km", "ANY"),
			search("FROMLONLAT", "15", "37", "BYBOX", "1", "1"), search("FROMLONLAT", "15"),
			c("geoSEARCH", "nokey", "BYRADIUS", "1", "km"), c("GEOSEARCH", "nokey", "FROMMEMBER", "x", "BYRADIUS", "1", "km"),
			c("GEOSEARCHSTORE", "dst", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km"), c("ZRANGE", "dst", "0", "-1", "WITHSCORES"),
			c("GEOSEARCHSTORE", "dst", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "STOREDIST", "COUNT", "1"),
			c("ZRANGE", "dst", "0", "-1", "WITHSCORES"), c("GEOSEARCHSTORE", "dst", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "WITHDIST"),
			c("GEOSEARCHSTORE", "dst", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "STORE", "x"),
			c("GEOSEARCHSTORE", "dst", "nokey", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km"), c("EXISTS", "dst"),
			c("GEOSEARCHSTORE", "dst", "Sicily", "FROMLONLAT", "15", "37"), c("GEOSEARCH", "Sicily", "FROMLONLAT", "15", "37", "BYRADIUS"),
			c("SET", "s", "x"), c("GEOSEARCH", "s", "FROMLONLAT", "15", "37", "BYRADIUS", "1", "km"),
		}},
	}
}

// geoTies puts members at equal distances from a centre (the same
// points, and points mirrored around it) and searches with COUNT, where
// Redis's partial quicksort decides their order, and without.
func geoTies() diffCase {
	add := c("GEOADD", "k")
	for i := range 70 {
		add = append(add, fmt.Sprint(1+float64(i%3)*0.01), "1", fmt.Sprint("p", (i*37)%70))
		add = append(add, fmt.Sprint(1-float64(i%3)*0.01), "1", fmt.Sprint("q", (i*37)%70))
	}
	cmds := [][]string{add}
	for _, n := range []string{"1", "2", "3", "5", "7", "9", "20", "41", "60", "139", "140", "200"} {
		for _, order := range []string{"ASC", "DESC"} {
			cmds = append(cmds, c("GEOSEARCH", "k", "FROMLONLAT", "1", "1", "BYRADIUS", "500", "km", "COUNT", n, order, "WITHDIST"))
		}
	}
	return diffCase{name: "ties", cmds: append(cmds, c("GEORADIUS", "k", "1", "1", "500", "km", "ASC"), c("GEORADIUS", "k", "1", "1", "500", "km", "DESC"))}
}

// geoKeys asks COMMAND GETKEYS for the keys of the geo commands.
func geoKeys() diffCase {
	get := func(args ...string) []string { return append(c("COMMAND", "GETKEYS"), args...) }
	return diffCase{name: "getkeys", cmds: [][]string{
		get("GEORADIUS", "k", "1", "2", "3", "km", "STORE", "d"), get("GEORADIUS", "k", "1", "2", "3", "km", "STORE", "d", "STOREDIST", "e"),
		get("GEORADIUS", "k", "1", "2", "3", "km"), get("GEORADIUSBYMEMBER", "k", "m", "3", "km", "STOREDIST", "d"),
		get("GEORADIUS", "k", "1", "2", "3", "store", "x", "d"), get("GEORADIUS", "k", "1", "2", "3", "km", "STORE"),
		get("GEORADIUS_RO", "k", "1", "2", "3", "km"), get("GEOSEARCHSTORE", "d", "s", "FROMLONLAT", "1", "2", "BYRADIUS", "1", "km"),
		get("GEOSEARCH", "s", "FROMLONLAT", "1", "2", "BYRADIUS", "1", "km"), get("GEOADD", "k", "1", "2", "m"),
		get("PFCOUNT", "a", "b", "c"), get("PFMERGE", "a", "b", "c"), get("PFADD", "a", "b", "c"), get("GEOPOS", "a", "b"),
	}}
}

func TestDiffGeo(t *testing.T) { runDiff(t, append(geoCases(), geoTies(), geoKeys())) }

// TestDiffGeoRandom adds seeded random positions (in small sets and in a
// set past zset-max-listpack-entries) and compares random searches of
// every kind, near the poles and the antimeridian too.
func TestDiffGeoRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 9))
	coord := func() (string, string) {
		long, lat := rng.Float64()*360-180, rng.Float64()*170-85
		if rng.IntN(4) == 0 { // clustered around a point
			long, lat = 2+rng.Float64()*0.5, 48+rng.Float64()*0.5
		}
		return fmt.Sprintf("%.6f", long), fmt.Sprintf("%.6f", lat)
	}
	units := []string{"m", "km", "mi", "ft"}
	var cmds [][]string
	for _, key := range []string{"small", "big"} {
		n := 50
		if key == "big" {
			n = 400
		}
		for i := range n {
			long, lat := coord()
			cmds = append(cmds, c("GEOADD", key, long, lat, fmt.Sprint("m", i)))
		}
		for range 60 {
			long, lat := coord()
			radius := fmt.Sprint([]float64{1, 10, 100, 1000, 5000, 20000}[rng.IntN(6)] * (1 + rng.Float64()))
			unit := units[rng.IntN(4)]
			cmds = append(cmds,
				c("GEORADIUS", key, long, lat, radius, "km", "WITHDIST", "WITHCOORD", "WITHHASH", "ASC"),
				c("GEOSEARCH", key, "FROMLONLAT", long, lat, "BYBOX", radius, radius, unit, "WITHDIST", "DESC"),
				c("GEOSEARCH", key, "FROMMEMBER", fmt.Sprint("m", rng.IntN(n)), "BYRADIUS", radius, unit, "WITHDIST", "COUNT", "5"),
				c("GEODIST", key, fmt.Sprint("m", rng.IntN(n)), fmt.Sprint("m", rng.IntN(n)), unit),
				c("GEOHASH", key, fmt.Sprint("m", rng.IntN(n))), c("GEOPOS", key, fmt.Sprint("m", rng.IntN(n))),
			)
		}
	}
	runDiff(t, []diffCase{{name: "random", cmds: cmds}})
}
