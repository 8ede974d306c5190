"""Entry point of the dashboard: page config, navigation, language switch (placeholder for now)."""

import streamlit as st

st.set_page_config(page_title="Chỉ tiêu nữ lãnh đạo, quản lý", page_icon="📊", layout="wide")
st.title("Chỉ tiêu nữ lãnh đạo, quản lý")
st.info("Đang xây dựng các trang của bảng theo dõi.")
