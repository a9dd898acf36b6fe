package dev.docent.collection;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A named set of documents that questions can be routed to, with a default time to live for its documents. */
@Entity
@Table(name = "collection")
public class DocumentCollection {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(nullable = false)
    private String description;

    @Column(name = "default_ttl_days")
    private Integer defaultTtlDays;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected DocumentCollection() {
    }

    public DocumentCollection(String name, String description, Integer defaultTtlDays, String createdBy) {
        this.name = name;
        this.description = description == null ? "" : description;
        this.defaultTtlDays = defaultTtlDays;
        this.createdBy = createdBy;
        this.createdAt = Instant.now();
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Integer defaultTtlDays() {
        return defaultTtlDays;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
