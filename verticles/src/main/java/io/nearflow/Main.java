package io.nearflow;
public final class Main { public static void main(String[] a) {} }
