"""
A minimum-cost flow in integers: the small exact optimisation behind the settlement of
years with walls taken together (:mod:`izafunding._schemes.joint_shift`).

Capacities and costs are Python ints (cents and exact weights): no floats, no rounding. The
algorithm is the successive shortest paths method (Bellman-Ford with a queue, so negative
costs are allowed: a network without cycles of arcs has no negative cycle, and each
augmentation along a shortest path keeps the residual network free of them). It stops when no path from source to sink has a negative cost, so the flow
it returns is of minimum cost among all flows (not necessarily a maximum flow: a path worth
nothing is not taken). The arcs are tried in the order they were added, so the same network
built in the same order always gives the same flow.

>>> net = FlowNetwork()
>>> cheap = net.add_arc("s", "t", capacity=5, cost=-2)
>>> dear = net.add_arc("s", "t", capacity=5, cost=-1)
>>> net.solve("s", "t"), net.flow(cheap), net.flow(dear)
(-15, 5, 5)
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable


__all__ = ["FlowNetwork"]


class FlowNetwork:
    """
    A directed network of arcs with an integer capacity and an integer cost per unit.

    A working object of one computation (built, solved, read, dropped), not a value:
    the domain never keeps one.
    """

    def __init__(self) -> None:
        self._index: dict[Hashable, int] = {}
        # Arcs in pairs: arc 2k is an added arc, 2k + 1 its reverse (residual) arc.
        self._head: list[int] = []
        self._cap: list[int] = []
        self._cost: list[int] = []
        self._out: list[list[int]] = []
        self._solved = False

    def _node(self, name: Hashable) -> int:
        found = self._index.get(name)
        if found is None:
            found = self._index[name] = len(self._out)
            self._out.append([])
        return found

    def add_arc(self, tail: Hashable, head: Hashable, *, capacity: int, cost: int) -> int:
        """Add an arc; returns its number, for :meth:`flow`."""
        if capacity < 0:
            msg = f"an arc's capacity is at least 0, not {capacity}"
            raise ValueError(msg)
        u, v = self._node(tail), self._node(head)
        number = len(self._head)
        self._head += [v, u]
        self._cap += [capacity, 0]
        self._cost += [cost, -cost]
        self._out[u].append(number)
        self._out[v].append(number + 1)
        return number

    def flow(self, arc: int) -> int:
        """The flow on an arc added by :meth:`add_arc`, after :meth:`solve`."""
        return self._cap[arc + 1]

    def solve(self, source: Hashable, sink: Hashable) -> int:
        """Send the flow of least total cost from *source* to *sink*; returns that cost."""
        if self._solved:
            msg = "a network is solved once"
            raise ValueError(msg)
        self._solved = True
        if source not in self._index or sink not in self._index:
            return 0
        s, t = self._index[source], self._index[sink]
        total = 0
        while True:
            path = self._shortest_path(s, t)
            if path is None:
                return total
            cost, arcs = path
            if cost >= 0:
                return total
            amount = min(self._cap[a] for a in arcs)
            for a in arcs:
                self._cap[a] -= amount
                self._cap[a ^ 1] += amount
            total += amount * cost

    def _shortest_path(self, s: int, t: int) -> tuple[int, list[int]] | None:
        """The cheapest path from *s* to *t* in the residual network (Bellman-Ford, queued)."""
        size = len(self._out)
        dist: list[int | None] = [None] * size
        via = [-1] * size
        queued = [False] * size
        dist[s] = 0
        queue = deque([s])
        queued[s] = True
        while queue:
            u = queue.popleft()
            queued[u] = False
            du = dist[u]
            assert du is not None
            for a in self._out[u]:
                if self._cap[a] <= 0:
                    continue
                v = self._head[a]
                dv = dist[v]
                nd = du + self._cost[a]
                if dv is None or nd < dv:
                    dist[v] = nd
                    via[v] = a
                    if not queued[v]:
                        queued[v] = True
                        queue.append(v)
        end = dist[t]
        if end is None:
            return None
        arcs = []
        v = t
        while v != s:
            a = via[v]
            arcs.append(a)
            v = self._head[a ^ 1]
        arcs.reverse()
        return end, arcs
