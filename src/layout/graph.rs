//! The graph of roles (nodes) and links (edges), built with petgraph.

use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;

use crate::model::OrgMap;

/// Roles as nodes (node i is role i of the map) and links as undirected edges: for layout
/// and metrics only the connection matters, not its direction.
#[derive(Debug, Clone)]
pub struct RoleGraph {
    pub graph: UnGraph<usize, usize>,
}

impl RoleGraph {
    pub fn new(map: &OrgMap) -> Self {
        let mut graph = UnGraph::with_capacity(map.roles.len(), map.links.len());
        for index in 0..map.roles.len() {
            graph.add_node(index);
        }
        // Ids are unique in a valid map; a sorted list keeps the lookup O(log n) and ordered.
        let mut ids: Vec<(&str, usize)> =
            map.roles.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
        ids.sort_unstable();
        let find = |id: &str| ids.binary_search_by(|(k, _)| (*k).cmp(id)).ok().map(|at| ids[at].1);
        for (link_index, link) in map.links.iter().enumerate() {
            if let (Some(a), Some(b)) = (find(&link.from), find(&link.to))
                && a != b
            {
                graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), link_index);
            }
        }
        RoleGraph { graph }
    }

    /// The roles linked to role `index`, in a fixed order.
    pub fn neighbours(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        self.graph.neighbors(NodeIndex::new(index)).map(|n| n.index())
    }

    /// Each link as (role, role, index of the link in the map), in the map's order of links
    /// (self-links and dangling links left out).
    pub fn links(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        self.graph.edge_references().map(|e| (e.source().index(), e.target().index(), *e.weight()))
    }

    /// Each link as a pair of role indices (self-links and dangling links left out).
    pub fn edges(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.graph
            .edge_indices()
            .filter_map(|e| self.graph.edge_endpoints(e).map(|(a, b)| (a.index(), b.index())))
    }
}
