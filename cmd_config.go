// cmd_config.go holds CONFIG GET, SET (checked whole, then set, and rolled
// back as Redis does), RESETSTAT, REWRITE and HELP; the parameters are in
// config_params.go.
package main

import (
	"slices"
	"strings"

	"nosql/internal/glob"
)

func configSubcommands() []subcommand {
	return []subcommand{
		{name: "get", arity: -3, flags: flagAdmin | flagNoScript, fn: cmdConfigGet},
		{name: "set", arity: -4, flags: flagAdmin | flagNoScript, fn: cmdConfigSet},
		{name: "resetstat", arity: 2, flags: flagAdmin | flagNoScript, fn: cmdConfigResetStat},
		{name: "rewrite", arity: 2, flags: flagAdmin | flagNoScript, fn: cmdConfigRewrite},
		{name: "help", arity: 2, fn: cmdConfigHelp},
	}
}

// cmdConfigGet serves CONFIG GET pattern [pattern ...]: name, value pairs
// of the parameters matching any glob pattern (case-insensitively), each
// once. A name without glob characters is echoed as given, as Redis does.
func cmdConfigGet(c *client, args [][]byte) {
	params := configParams()
	type match struct{ name, value string }
	var matches []match
	seen := func(name string) bool {
		for _, m := range matches {
			if strings.EqualFold(m.name, name) {
				return true
			}
		}
		return false
	}
	for _, a := range args[2:] {
		pat := string(a)
		if !strings.ContainsAny(pat, "[*?") {
			if p := findConfigParam(params, pat); p != nil && !seen(pat) {
				matches = append(matches, match{pat, p.get(c.srv)})
			}
			continue
		}
		for i := range params {
			if p := &params[i]; !p.hidden && !seen(p.name) && matchNameGlob(pat, p.name) {
				matches = append(matches, match{p.name, p.get(c.srv)})
			}
		}
	}
	c.writeMap(len(matches))
	for _, m := range matches {
		c.writeBulkString(m.name)
		c.writeBulkString(m.value)
	}
}

// cmdConfigSet serves CONFIG SET name value [name value ...] in Redis's
// phases: the names are looked up (unknown, immutable and repeated ones
// refused), then every value is checked, then each is set in turn; when
// setting one fails (a port in use), those set before it get their old
// values back. The first problem is reported, and nothing has changed.
func cmdConfigSet(c *client, args [][]byte) {
	if len(args)%2 != 0 {
		c.writeError(errSyntax)
		return
	}
	chosen, errMsg := chooseConfigParams(configParams(), args[2:])
	if errMsg != "" {
		c.writeError(errMsg)
		return
	}
	s := c.srv
	s.conf.setMu.Lock()
	defer s.conf.setMu.Unlock()
	values := make([]int64, len(chosen))
	for i, p := range chosen {
		v, msg := p.checkValue(s, string(args[3+2*i]))
		if msg != "" {
			c.configSetError(p.name, msg)
			return
		}
		values[i] = v
	}
	old := make([]string, len(chosen))
	for i, p := range chosen {
		old[i] = p.get(s)
	}
	for i, p := range chosen {
		if msg := p.set(s, values[i], string(args[3+2*i])); msg != "" {
			for j := i - 1; j >= 0; j-- {
				chosen[j].restore(s, old[j])
			}
			c.configSetError(p.name, msg)
			return
		}
	}
	c.writeOK()
}

// chooseConfigParams looks up the parameters named in pairs (name, value,
// ...), or returns the error for the first unknown, immutable or repeated
// name, as Redis words it.
func chooseConfigParams(params []configParam, pairs [][]byte) ([]*configParam, string) {
	chosen := make([]*configParam, 0, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		name := string(pairs[i])
		p := findConfigParam(params, name)
		switch {
		case p == nil:
			return nil, "ERR Unknown option or number of arguments for CONFIG SET - '" + name + "'"
		case p.check == nil:
			return nil, configSetErrorText(name, "can't set immutable config")
		case slices.Contains(chosen, p):
			return nil, configSetErrorText(name, "duplicate parameter")
		}
		chosen = append(chosen, p)
	}
	return chosen, ""
}

// checkValue checks a new value: Redis's checks, then for a parameter
// nosql cannot change while it runs, that the value is the current one.
func (p *configParam) checkValue(s *Server, v string) (int64, string) {
	n, msg := p.check(v)
	if msg == "" && p.fixed != "" {
		if cur, _ := p.check(p.get(s)); n != cur {
			msg = p.fixed
		}
	}
	return n, msg
}

// set sets a checked value (n its number, v its text), returning why it
// could not take effect.
func (p *configParam) set(s *Server, n int64, v string) string {
	switch {
	case p.tryApply != nil:
		return p.tryApply(s, n, v)
	case p.applyText != nil:
		p.applyText(s, v)
	case p.apply != nil:
		p.apply(s, n)
	}
	return ""
}

// restore sets a parameter back to old, the value CONFIG GET gave before
// CONFIG SET changed it; a failure is logged (Redis logs it too).
func (p *configParam) restore(s *Server, old string) {
	n, msg := p.check(old)
	if msg == "" {
		msg = p.set(s, n, old)
	}
	if msg != "" {
		s.log.Error("CONFIG SET: restoring a parameter failed", "name", p.name, "value", old, "err", msg)
	}
}

func configSetErrorText(name, msg string) string {
	return "ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + msg
}

func (c *client) configSetError(name, msg string) {
	c.writeError(configSetErrorText(name, msg))
}

func cmdConfigResetStat(c *client, args [][]byte) {
	c.srv.stats.reset()
	c.srv.store.expired.Store(0)
	c.writeOK()
}

// cmdConfigRewrite answers as Redis does when started without a
// configuration file: nosql is configured by flags only.
func cmdConfigRewrite(c *client, args [][]byte) {
	c.writeError("ERR The server is running without a config file")
}

func cmdConfigHelp(c *client, args [][]byte) {
	c.writeHelp("CONFIG",
		"GET <pattern>",
		"    Return parameters matching the glob-like <pattern> and their values.",
		"SET <directive> <value>",
		"    Set the configuration <directive> to <value>.",
		"RESETSTAT",
		"    Reset statistics reported by the INFO command.",
		"REWRITE",
		"    Rewrite the configuration file.")
}

// matchNameGlob reports whether name matches the glob pattern, ignoring
// case, as Redis's stringmatch does for parameter and command names.
func matchNameGlob(pattern, name string) bool {
	return glob.Match(strings.ToLower(pattern), strings.ToLower(name))
}
