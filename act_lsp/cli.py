"""``act-lsp``: start the language server. Only transport and logging are chosen here.

stdio is the protocol channel, so logs go to stderr (what editors show in their output pane; ACT's warnings
only, unless ``-v``) and ``--log-file``, never stdout.
"""

from __future__ import annotations

import argparse
import sys

from act_lsp import __version__, logs


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="act-lsp", description="ACT language server: translate Java→Go and C++→Rust "
                                 "from your editor with a local model.")
    ap.add_argument("--stdio", action="store_true", help="talk LSP over stdin/stdout (the default)")
    ap.add_argument("--tcp", metavar="HOST:PORT", help="listen on TCP instead of stdio (for debugging)")
    ap.add_argument("--log-file", help="where every log line goes, llama.cpp's and libraries' included "
                    "(default: $ACT_HOME/logs/act-lsp.log)")
    ap.add_argument("-v", "--verbose", action="count", default=0,
                    help="stderr shows ACT's info lines and libraries' warnings (-vv: debug and llama.cpp's lines)")
    ap.add_argument("--check", action="store_true", help="check model, database and sandbox, print, and exit")
    ap.add_argument("--version", action="version", version=f"act-lsp {__version__}")
    args = ap.parse_args(argv)
    from act_lsp.home import act_home

    logs.configure(args.verbose, args.log_file or act_home() / "logs" / "act-lsp.log")
    if args.check:
        from act_lsp.health import print_health

        sys.exit(print_health())
    from act_lsp.server import SERVER

    if args.tcp:
        host, _, port = args.tcp.rpartition(":")
        SERVER.start_tcp(host or "127.0.0.1", int(port))
    else:
        SERVER.start_io()


if __name__ == "__main__":
    main()
