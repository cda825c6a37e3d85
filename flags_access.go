// flags_access.go holds the flags for connection limits and access
// control (maxclients, timeout, tcp-keepalive, requirepass, protected
// mode) and their checks.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
)

// accessFlags defines the access flags on fs, filling cfg; it returns
// where -requirepass-file's value will be.
func accessFlags(fs *flag.FlagSet, cfg *Config) *string {
	fs.Int64Var(&cfg.MaxClients, "maxclients", cfg.MaxClients, "most `clients` served at once (lowered, with a warning, if the open file limit cannot fit them)")
	fs.Int64Var(&cfg.Timeout, "timeout", cfg.Timeout, "close a client idle this many `seconds` (0: never)")
	fs.Int64Var(&cfg.TCPKeepAlive, "tcp-keepalive", cfg.TCPKeepAlive, "send TCP keep-alive probes to a client silent this many `seconds` (0: off)")
	fs.StringVar(&cfg.RequirePass, "requirepass", cfg.RequirePass, "`password` clients must give with AUTH (visible in ps: prefer -requirepass-file)")
	fs.Var(yesNoFlag{&cfg.ProtectedMode}, "protected-mode", "protected mode, `yes|no`: with no password set, refuse clients not on loopback")
	return fs.String("requirepass-file", "", "read the password from the first line of `file`")
}

// finishAccessFlags checks the access flags' values and reads the
// password file.
func finishAccessFlags(cfg *Config, passFile string) error {
	switch {
	case cfg.MaxClients < 1 || cfg.MaxClients > 1<<32-1:
		return errors.New("-maxclients must be between 1 and 4294967295")
	case cfg.Timeout < 0 || cfg.Timeout > 1<<31-1:
		return errors.New("-timeout must be between 0 and 2147483647")
	case cfg.TCPKeepAlive < 0 || cfg.TCPKeepAlive > 1<<31-1:
		return errors.New("-tcp-keepalive must be between 0 and 2147483647")
	case passFile == "":
		return nil
	case cfg.RequirePass != "":
		return errors.New("give -requirepass or -requirepass-file, not both")
	}
	b, err := os.ReadFile(passFile)
	if err != nil {
		return fmt.Errorf("-requirepass-file: %w", err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	cfg.RequirePass = strings.TrimSuffix(line, "\r")
	if cfg.RequirePass == "" {
		return fmt.Errorf("-requirepass-file: the first line of %s is empty", passFile)
	}
	return nil
}

// yesNoFlag is a yes/no flag that takes its value as the next argument
// too, so "--protected-mode no" works as it does for redis-server.
type yesNoFlag struct{ b *bool }

// String returns the flag's value, yes or no.
func (f yesNoFlag) String() string {
	if f.b == nil {
		return ""
	}
	return yesNo(*f.b)
}

// Set sets the flag from yes or no, in any case.
func (f yesNoFlag) Set(v string) error {
	n, msg := boolValue(v)
	if msg != "" {
		return errors.New("use yes or no")
	}
	*f.b = n == 1
	return nil
}
