"""The agenda and minutes editor: views parse the request and call one workflow service."""
