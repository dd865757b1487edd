#!/usr/bin/env bash
# Where a running node's resident memory is, by kind of mapping (from /proc/PID/smaps): mapped
# assemblies and native libraries (clean file pages, shared with the page cache), the runtime's
# executable memory (JIT'd code, stubs and type data, in its double-mapped memfd), the GC heap and
# other anonymous memory, and malloc's arenas. Usage: bench/memory.sh PID
# The total is what `ps -o rss` reports; the per-kind split says what a change could move.
set -euo pipefail
PID=${1:?usage: bench/memory.sh PID}
[ -r "/proc/$PID/smaps" ] || { echo "no process $PID (or its smaps is not readable)" >&2; exit 1; }
python3 - "/proc/$PID/smaps" <<'EOF'
import collections, re, sys
kinds, mapping = collections.Counter(), None
for line in open(sys.argv[1]):
    m = re.match(r'^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$', line)
    if m:
        mapping = (int(m.group(1), 16), int(m.group(2), 16), m.group(4).strip())
        continue
    if not line.startswith('Rss:'):
        continue
    start, end, name = mapping
    if name.startswith('/memfd:doublemapper'):
        kind = 'runtime executable memory (JIT code, stubs, type data)'
    elif name == '[heap]':
        kind = 'malloc, main heap'
    elif name == '':
        # glibc puts each extra malloc arena in a 64 MB-aligned reservation of its own.
        kind = ('malloc, thread arenas' if start % (64 << 20) == 0 and end - start <= 64 << 20
                else 'anonymous: GC heap, runtime data, thread stacks')
    elif name.endswith('.dll'):
        kind = ('assemblies: ' + ('framework' if '/Microsoft.NETCore.App/' in name
                else 'ASP.NET Core' if '/Microsoft.AspNetCore.App/' in name
                else 'EF Core' if 'EntityFrameworkCore' in name
                else 'Broadsheet' if name.endswith('/Broadsheet.dll') else 'other packages'))
    elif '/libicu' in name:
        kind = 'native: ICU'
    elif '/libcoreclr' in name or '/libclrjit' in name or '/libclrgc' in name:
        kind = 'native: runtime (coreclr, JIT)'
    elif '.so' in name:
        kind = 'native: other (libc, OpenSSL, SQLite, System.*.Native)'
    else:
        kind = 'other'
    kinds[kind] += int(line.split()[1])
for kind, kb in kinds.most_common():
    print(f'{kb / 1024:7.1f} MB  {kind}')
print(f'{sum(kinds.values()) / 1024:7.1f} MB  total')
EOF
echo "assemblies loaded: $(grep -oE '[^/]+\.dll$' "/proc/$PID/maps" | sort -u | wc -l)  threads: $(ls "/proc/$PID/task" | wc -l)"
