"""Approval-gated publishing: publications, dispatch, exactly-once delivery."""
