//! A directed graph of files ("this file imports that one") and the cycles in it.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Nodes are file names as they should be printed; edges point from importer to imported.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Graph {
    edges: BTreeMap<String, BTreeSet<String>>,
}

impl Graph {
    pub fn add_node(&mut self, node: &str) {
        self.edges.entry(node.to_owned()).or_default();
    }

    /// A file that names itself is not a cycle between files, so self edges are dropped here.
    pub fn add_edge(&mut self, from: &str, to: &str) {
        self.add_node(to);
        let targets = self.edges.entry(from.to_owned()).or_default();
        if from != to {
            targets.insert(to.to_owned());
        }
    }

    /// Only the tests need to see the edges themselves; the checks look at cycles.
    #[cfg(test)]
    pub fn edges(&self) -> impl Iterator<Item = (&str, &str)> {
        self.edges
            .iter()
            .flat_map(|(from, tos)| tos.iter().map(move |to| (from.as_str(), to.as_str())))
    }

    /// Every edge that lies on a cycle, shown as the shortest cycle through it; each cycle is
    /// written closed (`a -> b -> a`) and starts at its smallest name so duplicates collapse.
    /// One cycle per edge (not every elementary cycle, which can be exponentially many) is what a
    /// reader needs: each import that has to go appears at least once.
    pub fn cycles(&self) -> Vec<Vec<String>> {
        let mut found = BTreeSet::new();
        for component in self.strongly_connected() {
            if component.len() < 2 {
                continue;
            }
            for &from in &component {
                for to in self.targets(from).filter(|to| component.contains(to)) {
                    if let Some(back) = self.shortest_path(to, from, &component) {
                        found.insert(closed_rotation(back));
                    }
                }
            }
        }
        found.into_iter().collect()
    }

    fn targets<'a>(&'a self, node: &str) -> impl Iterator<Item = &'a str> {
        self.edges
            .get(node)
            .into_iter()
            .flat_map(|tos| tos.iter().map(String::as_str))
    }

    /// Breadth-first within one component, so the path found is a shortest one; it starts at
    /// `from` and ends at `to`.
    fn shortest_path(&self, from: &str, to: &str, within: &BTreeSet<&str>) -> Option<Vec<String>> {
        let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
        let mut queue = VecDeque::from([from]);
        let mut seen = BTreeSet::from([from]);
        while let Some(node) = queue.pop_front() {
            if node == to {
                let mut path = vec![to.to_owned()];
                let mut at = to;
                while let Some(&prev) = came_from.get(at) {
                    path.push(prev.to_owned());
                    at = prev;
                }
                path.reverse();
                return Some(path);
            }
            for next in self.targets(node).filter(|n| within.contains(n)) {
                if seen.insert(next) {
                    came_from.insert(next, node);
                    queue.push_back(next);
                }
            }
        }
        None
    }

    /// Tarjan's algorithm; the graphs are a few hundred files, so recursion depth is no concern.
    fn strongly_connected(&self) -> Vec<BTreeSet<&str>> {
        let mut tarjan = Tarjan::default();
        for node in self.edges.keys() {
            if !tarjan.index.contains_key(node.as_str()) {
                tarjan.visit(self, node);
            }
        }
        tarjan.components
    }
}

#[derive(Default)]
struct Tarjan<'a> {
    next_index: usize,
    index: BTreeMap<&'a str, usize>,
    low: BTreeMap<&'a str, usize>,
    stack: Vec<&'a str>,
    on_stack: BTreeSet<&'a str>,
    components: Vec<BTreeSet<&'a str>>,
}

impl<'a> Tarjan<'a> {
    fn visit(&mut self, graph: &'a Graph, node: &'a str) {
        self.index.insert(node, self.next_index);
        self.low.insert(node, self.next_index);
        self.next_index += 1;
        self.stack.push(node);
        self.on_stack.insert(node);
        for next in graph.targets(node) {
            if !self.index.contains_key(next) {
                self.visit(graph, next);
                let low = self.low[node].min(self.low[next]);
                self.low.insert(node, low);
            } else if self.on_stack.contains(next) {
                let low = self.low[node].min(self.index[next]);
                self.low.insert(node, low);
            }
        }
        if self.low[node] == self.index[node] {
            let mut component = BTreeSet::new();
            while let Some(member) = self.stack.pop() {
                self.on_stack.remove(member);
                component.insert(member);
                if member == node {
                    break;
                }
            }
            self.components.push(component);
        }
    }
}

/// `path` runs from some node back to the node before it on the cycle (v .. u for edge u -> v);
/// rotate it to start at its smallest name and repeat that name at the end.
fn closed_rotation(mut path: Vec<String>) -> Vec<String> {
    if let Some(start) = (0..path.len()).min_by_key(|&i| &path[i]) {
        path.rotate_left(start);
    }
    if let Some(first) = path.first().cloned() {
        path.push(first);
    }
    path
}

#[cfg(test)]
mod tests {
    use super::Graph;

    fn graph(edges: &[(&str, &str)]) -> Graph {
        let mut graph = Graph::default();
        for (from, to) in edges {
            graph.add_edge(from, to);
        }
        graph
    }

    #[test]
    fn a_chain_has_no_cycle() {
        assert!(graph(&[("a", "b"), ("b", "c")]).cycles().is_empty());
    }

    #[test]
    fn self_edges_are_not_cycles() {
        assert!(graph(&[("a", "a")]).cycles().is_empty());
    }

    #[test]
    fn two_files_importing_each_other() {
        assert_eq!(graph(&[("b", "a"), ("a", "b")]).cycles(), [["a", "b", "a"]]);
    }

    #[test]
    fn a_circle_is_reported_once_from_its_smallest_name() {
        let cycles = graph(&[("c", "a"), ("a", "b"), ("b", "c"), ("c", "d")]).cycles();
        assert_eq!(cycles, [["a", "b", "c", "a"]]);
    }

    #[test]
    fn every_edge_on_a_cycle_shows_up() {
        // a <-> b and a -> c -> a share a but are two different imports to remove.
        let cycles = graph(&[("a", "b"), ("b", "a"), ("a", "c"), ("c", "a")]).cycles();
        assert_eq!(cycles, [["a", "b", "a"], ["a", "c", "a"]]);
    }
}
