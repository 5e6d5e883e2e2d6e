// Ports: no-change rebuild uploads, as mini-buildd prepares them.
